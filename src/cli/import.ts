// npm run import -- <beneficiaries|payouts|areas> <file> [--dry-run] [--skip-invalid] [--locale en]
// Run by an operator on the server: no area restriction. Exits 1 when the file has errors (with
// --skip-invalid the valid rows are imported and the others listed).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { createI18n } from "../core/i18n.ts";
import { unpaidLine } from "../features/imports/reportLines.ts";
import { runImport } from "../features/imports/service.ts";
import { IMPORT_KINDS } from "../features/imports/types.ts";
import { systemClock } from "../lib/clock.ts";
import { changeTally, reportLineText } from "./importLines.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const argsSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  file: z.string().min(1),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
  locale: z.enum(["vi", "en"]),
});

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  let dryRun = false;
  let skipInvalid = false;
  let locale = "vi";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--dry-run") dryRun = true;
    else if (a === "--skip-invalid") skipInvalid = true;
    else if (a === "--locale") locale = argv[++i] ?? "";
    else if (a.startsWith("--locale=")) locale = a.slice("--locale=".length);
    else positional.push(a);
  }
  return argsSchema.safeParse({ kind: positional[0], file: positional[1], dryRun, skipInvalid, locale });
}

async function main(): Promise<number> {
  const i18n = await createI18n();
  const args = parseArgs(process.argv.slice(2));
  if (!args.success) {
    console.error(i18n.t(process.argv.includes("en") ? "en" : "vi")("imports:cli.usage"));
    return 2;
  }
  const { kind, file, dryRun, skipInvalid, locale } = args.data;
  const t = i18n.t(locale);
  return openDatabase(async ({ db, log }) => {
    const data = await readFile(file);
    const report = await runImport(
      { prisma: db.prisma, log, clock: systemClock, i18n },
      { kind, fileName: path.basename(file), data, dryRun, skipInvalid, staff: null, locale },
    );
    console.log(`${report.fileName} — ${t(`imports:kinds.${kind}`)}`);
    for (const s of report.sheets) {
      const name = s.name === null ? t("imports:sheets.csv") : t("imports:sheets.named", { name: s.name });
      console.log(
        `  ${name}: ${s.status === "read" ? `${t("imports:sheets.read")} ${s.rows}` : `${t("imports:sheets.skipped")} — ${t(`imports:sheets.reasons.${s.reason ?? "no_header"}`)}`}`,
      );
      if (s.ignored?.length)
        console.log(
          `    ${t("imports:sheets.ignored")} ${s.ignored.map((c) => `${c.header} (${c.letter})`).join(", ")}`,
        );
      if (s.unpaidRows?.length) console.log(`    ${unpaidLine(t, s.unpaidRows)}`);
      if (s.hidden?.length)
        console.log(`    ${t("imports:sheets.hidden")} ${s.hidden.map((c) => `${c.header} (${c.letter})`).join(", ")}`);
    }
    if (report.errors.length === 0 || report.applied)
      console.log(dryRun ? t("imports:cli.dryRun") : t("imports:cli.applied"));
    console.log(t("imports:report.summary", { ...report }));
    const tally = changeTally(report.changes, t);
    if (tally) console.log(tally);
    for (const l of report.lines) console.log(reportLineText(l, t));
    if (report.errors.length > 0 && !report.applied) {
      console.log(t("imports:cli.refused", { count: report.errors.length }));
      return 1;
    }
    return 0;
  });
}

runCommand(main);
