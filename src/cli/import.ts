// npm run import -- <beneficiaries|payouts|areas> <file> [--dry-run] [--locale en]
// Run by an operator on the server: no area restriction. Exits 1 when the file has errors.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { createI18n } from "../core/i18n.ts";
import { runImport } from "../features/imports/service.ts";
import { IMPORT_KINDS } from "../features/imports/types.ts";
import { systemClock } from "../lib/clock.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const argsSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  file: z.string().min(1),
  dryRun: z.boolean(),
  locale: z.enum(["vi", "en"]),
});

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  let dryRun = false;
  let locale = "vi";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--dry-run") dryRun = true;
    else if (a === "--locale") locale = argv[++i] ?? "";
    else if (a.startsWith("--locale=")) locale = a.slice("--locale=".length);
    else positional.push(a);
  }
  return argsSchema.safeParse({ kind: positional[0], file: positional[1], dryRun, locale });
}

async function main(): Promise<number> {
  const i18n = await createI18n();
  const args = parseArgs(process.argv.slice(2));
  if (!args.success) {
    console.error(i18n.t(process.argv.includes("en") ? "en" : "vi")("imports:cli.usage"));
    return 2;
  }
  const { kind, file, dryRun, locale } = args.data;
  const t = i18n.t(locale);
  return openDatabase(async ({ db, log }) => {
    const data = await readFile(file);
    const report = await runImport(
      { prisma: db.prisma, log, clock: systemClock, i18n },
      { kind, fileName: path.basename(file), data, dryRun, staff: null, locale },
    );
    console.log(`${report.fileName} — ${t(`imports:kinds.${kind}`)}`);
    if (report.errors.length === 0) console.log(dryRun ? t("imports:cli.dryRun") : t("imports:cli.applied"));
    console.log(t("imports:report.summary", { ...report }));
    for (const e of report.errors) {
      console.log(e.row === 0 || e.column === "" ? t("imports:cli.fileError", { message: e.message }) : t("imports:cli.errorLine", { ...e }));
    }
    if (report.errors.length > 0) {
      console.log(t("imports:cli.refused", { count: report.errors.length }));
      return 1;
    }
    return 0;
  });
}

runCommand(main);
