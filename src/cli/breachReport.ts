// npm run breach-report -- --from <ISO time> --to <ISO time> [--actor <username>]… [--ip <address>]…
//                          [--discovered <ISO time>] [--out-dir <folder>] [--lang vi|en]
// Writes breach-report.md (the facts for the notification to the authority, due within 72 hours of
// discovery) and affected-people.csv (whom to inform), from the audit log.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createI18n } from "../core/i18n.ts";
import { affectedPeopleCsv, breachReportMarkdown, findBreachScope } from "../features/privacy/breachReport.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const USAGE =
  "Usage: npm run breach-report -- --from <ISO time> --to <ISO time> [--actor <username>]... [--ip <address>]... [--discovered <ISO time>] [--out-dir <folder>] [--lang vi|en]";

const argsSchema = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  actor: z.array(z.string().min(1)).default([]),
  ip: z.array(z.string().min(1)).default([]),
  discovered: z.coerce.date().optional(),
  "out-dir": z.string().default("."),
  lang: z.enum(["vi", "en"]).default("vi"),
});

async function main(): Promise<number> {
  let parsed;
  try {
    const { values } = parseArgs({
      options: {
        from: { type: "string" },
        to: { type: "string" },
        actor: { type: "string", multiple: true },
        ip: { type: "string", multiple: true },
        discovered: { type: "string" },
        "out-dir": { type: "string" },
        lang: { type: "string" },
      },
    });
    parsed = argsSchema.safeParse(values);
  } catch {
    parsed = null;
  }
  if (
    !parsed?.success ||
    Number.isNaN(parsed.data.from.getTime()) ||
    Number.isNaN(parsed.data.to.getTime()) ||
    parsed.data.from > parsed.data.to
  ) {
    console.error(USAGE);
    return 2;
  }
  const args = parsed.data;
  return openDatabase(async ({ db }) => {
    const findings = await findBreachScope(db.prisma, {
      from: args.from,
      to: args.to,
      actors: args.actor,
      ips: args.ip,
    });
    const i18n = await createI18n();
    const t = i18n.t(args.lang);
    await mkdir(args["out-dir"], { recursive: true });
    const report = path.join(args["out-dir"], "breach-report.md");
    const list = path.join(args["out-dir"], "affected-people.csv");
    await writeFile(report, breachReportMarkdown(t, findings, args.discovered ?? new Date()));
    await writeFile(list, affectedPeopleCsv(findings));
    console.log(`${report}\n${list} (${findings.people.length} people)`);
    return 0;
  });
}

runCommand(main);
