// Writes about rows in hand (sent, failed, back to the queue) that fail are kept and retried
// before anything new is taken, or those rows would stay SENDING under this live instance. The
// database being away (a restart, a network cut) is waited out however long it takes; any other
// failure (a deadlock under load, say) is tried a few more times, then the rows are left to the
// lost-claim clean-up (inHand.ts). Each write is guarded by status and owner, so a retry is harmless.
import { connectionLoss } from "../lib/connectionLoss.ts";
import type { Logger } from "../lib/logger.ts";
import type { InHand } from "./inHand.ts";

// A write failing this often for a reason other than a lost connection is given up.
export const MAX_WRITE_FAILURES = 5;

export interface ResultWrites {
  /**
   * Runs a write about rows `ids`; they leave the hand once it is written (or given up). A failed
   * write rejects as it did, and is kept for `retry` unless given up.
   */
  settle<T>(write: () => Promise<T>, ids?: readonly string[]): Promise<T>;
  /** Writes wait to be retried: nothing new is to be taken meanwhile. */
  pending(): boolean;
  /** Retries the kept writes in order; rejects at the first that fails again (it and the rest stay kept). */
  retry(): Promise<void>;
}

interface Kept {
  write: () => Promise<unknown>;
  ids: readonly string[];
  failures: number;
}

export function createResultWrites(deps: { log: Logger; inHand: InHand }): ResultWrites {
  const kept: Kept[] = [];
  const run = <T>(write: () => Promise<T>, ids: readonly string[], failures: number): Promise<T> =>
    write().then(
      (v) => {
        deps.inHand.release(ids);
        return v;
      },
      (err: unknown) => {
        if (connectionLoss(err)) kept.push({ write, ids, failures });
        else if (failures + 1 < MAX_WRITE_FAILURES) kept.push({ write, ids, failures: failures + 1 });
        else {
          deps.log.error(
            { err, rows: ids.length },
            "outbox results could not be written; the rows go back to the queue",
          );
          deps.inHand.release(ids);
        }
        throw err;
      },
    );
  return {
    settle: (write, ids = []) => run(write, ids, 0),
    pending: () => kept.length > 0,
    async retry() {
      const writes = kept.splice(0);
      for (let i = 0; i < writes.length; i++) {
        const { write, ids, failures } = writes[i]!;
        await run(write, ids, failures).catch((err: unknown) => {
          // The one that failed is back in the list (unless given up); so are the rest.
          kept.push(...writes.slice(i + 1));
          throw err;
        });
      }
    },
  };
}
