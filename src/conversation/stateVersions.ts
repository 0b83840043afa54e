// A stored state written by an older version of a flow is migrated, not thrown away: each flow
// keeps a chain of zod transforms, one per version step (1 → 2, 2 → 3, …), and the result of the
// chain is parsed with the current schema like any state. Only a state that fits no step (or comes
// from a newer version than this code knows) is dropped, with an apology to the person.
import type { z } from "zod";

export interface StateDef<S> {
  schema: z.ZodType<S>;
  /** The version of `schema`; bump it when the shape changes and add the step from the last one. */
  version: number;
  /** migrations[n] turns a state of version n into one of version n + 1. */
  migrations?: Readonly<Record<number, z.ZodType<unknown, unknown>>>;
  /** Names the flow was stored under before (a migration renames it). */
  formerNames?: readonly string[];
}

export type Migrated = { ok: true; value: unknown } | { ok: false };

export function migrateState<S>(def: StateDef<S>, raw: unknown, from: number): Migrated {
  if (!Number.isInteger(from) || from < 1 || from > def.version) return { ok: false };
  let value = raw;
  for (let v = from; v < def.version; v++) {
    const step = def.migrations?.[v];
    if (!step) return { ok: false };
    const next = step.safeParse(value);
    if (!next.success) return { ok: false };
    value = next.data;
  }
  return { ok: true, value };
}
