// npm run -s entitlement < queries.jsonl
// Reads JSON lines on stdin, each {"categories": ["CODE", …], "month": "YYYY-MM", "rate"?: N,
// "province"?: "CODE"}, and prints one JSON line per input: {"amount": <integer đ> | null,
// "lines": [{"label", "amount", "legalBasis"}], "reason"?: "<why null>"}. The policy is the one
// the service uses: the database in DATA_DIR or DATABASE_URL (seeded on the service's first start).
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { answerEntitlement } from "../features/entitlements/entitlementLine.ts";
import type { Policy } from "../features/policy/policySchema.ts";
import { policyIn } from "../features/policy/policyStore.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

/** Answers every non-blank line of `input`; a line that is not JSON gets an answer saying so. */
export async function runEntitlementCli(
  input: Readable,
  policy: Policy,
  print: (line: string) => void,
): Promise<number> {
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    const line = raw.trim();
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      print(JSON.stringify({ amount: null, lines: [], reason: "invalid input: not a JSON object" }));
      continue;
    }
    print(JSON.stringify(answerEntitlement(policy, parsed)));
  }
  return 0;
}

async function main(): Promise<number> {
  return openDatabase(async ({ db, log }) => {
    const { policy, shipped } = await policyIn(db.prisma);
    // A database the service never started on: the policy it would seed on its first start.
    if (shipped)
      log.warn("no policy in the database yet (the service has not started on it): using the shipped policy files");
    return runEntitlementCli(process.stdin, policy, (line) => process.stdout.write(`${line}\n`));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) runCommand(main);
