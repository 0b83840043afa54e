// npm run check:amounts -- --month YYYY-MM [--commune <code>] [--lang vi|en]
// Lists the payouts of a month whose monthly allowance really differs from the policy, one per line
// (tab-separated, personal IDs masked), then those matching a level the data lacks and those the
// data cannot price. Exits with 1 when there is a real difference, so it can guard a script that
// sends the lists to the payment service.
import { parseArgs } from "node:util";
import type { TFunction } from "i18next";
import { z } from "zod";
import { createI18n } from "../core/i18n.ts";
import { checkAmounts } from "../features/entitlements/checkAmounts.ts";
import { gapText, outdatedText, reasonText } from "../features/entitlements/reasonText.ts";
import type { Policy } from "../features/policy/policySchema.ts";
import { policyIn } from "../features/policy/policyStore.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { formatVnd } from "../lib/format.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const USAGE = "Usage: npm run check:amounts -- --month YYYY-MM [--commune <code>] [--lang vi|en]";

const argsSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  commune: z.string().min(1).optional(),
  lang: z.enum(["vi", "en"]).default("vi"),
});

export interface CheckAmountsIo {
  prisma: PrismaClient;
  policy: Policy;
  /** A translator for the chosen language. */
  translator(locale: string): TFunction;
  print(line: string): void;
}

/** Runs the check; returns the exit code: 0 all amounts agree, 1 some differ (or unknown commune), 2 wrong usage. */
export async function runCheckAmountsCli(argv: string[], io: CheckAmountsIo): Promise<number> {
  const args = parseCommandLine(argv);
  if (!args) {
    io.print(USAGE);
    return 2;
  }
  let communeIds: string[] | null = null;
  if (args.commune) {
    const commune = await io.prisma.commune.findUnique({ where: { code: args.commune }, select: { id: true } });
    if (!commune) {
      io.print(`Unknown commune code: ${args.commune}`);
      return 1;
    }
    communeIds = [commune.id];
  }
  const result = await checkAmounts(io.prisma, io.policy, { month: args.month, communeIds });
  const t = io.translator(args.lang);
  const money = (n: number) => formatVnd(n, args.lang);
  io.print(
    t("entitlements:amountChecks.summary", {
      month: `${args.month.slice(5, 7)}/${args.month.slice(0, 4)}`,
      checked: result.checked,
      count: result.rows.length,
    }),
  );
  for (const r of result.rows) {
    const difference = `${r.difference > 0 ? "+" : ""}${money(r.difference)}`;
    io.print(
      [
        r.commune.code,
        r.fullName,
        r.personalIdMasked,
        money(r.expected),
        money(r.paid),
        difference,
        reasonText(t, args.lang, r.reason),
      ].join("\t"),
    );
  }
  // Not differences: payouts at a level the data lacks, and what the data cannot price.
  for (const r of result.outdated)
    io.print(
      [r.commune.code, r.fullName, r.personalIdMasked, money(r.paid), outdatedText(t, args.lang, r.match)].join("\t"),
    );
  if (result.unpriced.length) io.print(t("entitlements:amountChecks.unpriced", { count: result.unpriced.length }));
  for (const r of result.unpriced)
    io.print([r.commune.code, r.fullName, r.personalIdMasked, money(r.paid), gapText(t, args.lang, r.gap)].join("\t"));
  return result.rows.length ? 1 : 0;
}

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> | null {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { month: { type: "string" }, commune: { type: "string" }, lang: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    const parsed = argsSchema.safeParse(values);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  return openDatabase(async ({ db }) => {
    const i18n = await createI18n();
    return runCheckAmountsCli(process.argv.slice(2), {
      prisma: db.prisma,
      // The policy the service uses: the database officers edit (seeded on the service's first start).
      policy: (await policyIn(db.prisma)).policy,
      translator: (locale) => i18n.t(locale),
      print: (line) => console.log(line),
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) runCommand(main);
