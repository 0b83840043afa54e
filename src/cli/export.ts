// npm run export -- payouts --commune <code> --month YYYY-MM --out file.xlsx
// npm run export -- beneficiaries --commune <code> --out file.xlsx
import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { createI18n } from "../core/i18n.ts";
import { exportBeneficiaryList } from "../features/exports/beneficiaryList.ts";
import { exportPayoutList } from "../features/exports/payoutList.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const USAGE = [
  "Usage: npm run export -- payouts --commune <code> --month YYYY-MM [--out file.xlsx]",
  "       npm run export -- beneficiaries --commune <code> [--out file.xlsx]",
].join("\n");

const argsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("payouts"),
    commune: z.string().min(1),
    month: z.string().regex(/^\d{4}-\d{2}$/),
    out: z.string().optional(),
  }),
  z.object({ kind: z.literal("beneficiaries"), commune: z.string().min(1), out: z.string().optional() }),
]);

function parseArgs(argv: string[]) {
  const [kind, ...rest] = argv;
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const m = /^--(commune|month|out)(?:=(.*))?$/.exec(rest[i]!);
    if (!m) return null;
    options[m[1]!] = m[2] ?? rest[++i] ?? "";
  }
  const parsed = argsSchema.safeParse({ kind, ...options });
  return parsed.success ? parsed.data : null;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  return openDatabase(async ({ db }) => {
    const commune = await db.prisma.commune.findUnique({ where: { code: args.commune } });
    if (!commune) {
      console.error(`Unknown commune code: ${args.commune}`);
      return 1;
    }
    const deps = { prisma: db.prisma, i18n: await createI18n() };
    const file =
      args.kind === "payouts"
        ? await exportPayoutList(deps, { communeId: commune.id, month: args.month, staff: null })
        : await exportBeneficiaryList(deps, { communeId: commune.id, staff: null });
    const out = args.out ?? file.fileName;
    await writeFile(out, file.data);
    console.log(`${out} (${file.data.length} bytes)`);
    return 0;
  });
}

runCommand(main);
