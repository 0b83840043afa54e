// npm run slips -- --commune <code> --month YYYY-MM --out <file.html> [--layout a4|a5]
//                  [--base-url <https://…>] [--pdf <file.pdf>] [--chromium <path>]
// A whole commune's payout slips for the envelopes the post office hands over at home, as one
// self-contained HTML file to print (the same page as the console's). Link codes are issued as
// from the console and recorded in the audit log (actor "system"). With --pdf, and a Chromium on
// the machine, the page is also printed to PDF.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { TFunction } from "i18next";
import { z } from "zod";
import { createI18n } from "../core/i18n.ts";
import { linkQrSvg, linkTarget } from "../features/linking/linkTarget.ts";
import type { Policy } from "../features/policy/policySchema.ts";
import { policyIn } from "../features/policy/policyStore.ts";
import { buildSlips, slipHotline } from "../features/slips/slips.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { slipSheets, type SlipLayout } from "../http/console/views/slipSheets.ts";
import { appRoot } from "../lib/appRoot.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const USAGE =
  "Usage: npm run slips -- --commune <code> --month YYYY-MM --out <file.html> [--layout a4|a5] [--base-url <url>] [--pdf <file.pdf>] [--chromium <path>]";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";
const STATIC_DIR = path.join(appRoot, "src", "http", "console", "static");

const argsSchema = z.object({
  commune: z.string().min(1),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  out: z.string().min(1),
  layout: z.enum(["a4", "a5"]).default("a4"),
  "base-url": z.url().optional(),
  pdf: z.string().min(1).optional(),
  chromium: z.string().min(1).optional(),
});

export interface SlipsIo {
  prisma: PrismaClient;
  policy: Policy;
  config: {
    LINK_CODE_DAYS: number;
    TELEGRAM_BOT_USERNAME?: string;
    PUBLIC_URL?: string;
    HOTLINE_PHONE?: string;
    HOTLINE_HOURS?: string;
    HOTLINE_WORKING_HOURS: string;
  };
  translator(locale: string): TFunction;
  now: Date;
  print(line: string): void;
}

/** Writes the slips; returns the exit code: 0 done, 1 failed (unknown commune, no Chromium for --pdf), 2 wrong usage. */
export async function runSlipsCli(argv: string[], io: SlipsIo): Promise<number> {
  const args = parseCommandLine(argv);
  if (!args) {
    io.print(USAGE);
    return 2;
  }
  const origin = args["base-url"] ?? io.config.PUBLIC_URL;
  if (!io.config.TELEGRAM_BOT_USERNAME && !origin) {
    // The QR code must lead somewhere people can reach: no guessing of the service's address.
    io.print("Neither TELEGRAM_BOT_USERNAME nor PUBLIC_URL is set: give the web chat's address with --base-url.");
    return 2;
  }
  const chromium = args.chromium ?? DEFAULT_CHROMIUM;
  if (args.pdf && !existsSync(chromium)) {
    io.print(`No Chromium at ${chromium}: the PDF needs one (--chromium <path>); the HTML page prints as well.`);
    return 1;
  }
  const commune = await io.prisma.commune.findUnique({ where: { code: args.commune }, select: { id: true } });
  if (!commune) {
    io.print(`Unknown commune code: ${args.commune}`);
    return 1;
  }
  const batch = await buildSlips(io.prisma, {
    communeId: commune.id,
    month: args.month,
    policy: io.policy,
    validDays: io.config.LINK_CODE_DAYS,
    now: io.now,
    staff: null,
  });
  const target = linkTarget({ telegramBot: io.config.TELEGRAM_BOT_USERNAME, origin: origin ?? "" });
  const qr = new Map<string, string>();
  for (const s of batch.slips) if (s.code) qr.set(s.beneficiaryId, await linkQrSvg(target.url(s.code.code)));
  const layout: SlipLayout = args.layout;
  const css = await slipCss(layout);
  const page = slipSheets({
    t: io.translator("vi"),
    locale: "vi",
    slipT: io.translator("vi"),
    batch,
    qr,
    viaTelegram: target.viaTelegram,
    layout,
    hotline: slipHotline(io.config),
    assets: { kind: "inline", css },
  }).value;
  await writeFile(args.out, page, "utf8");
  io.print(`${batch.slips.length} slip(s) for ${args.commune}, ${args.month}: ${args.out}`);
  if (args.pdf) {
    await printPdf(page, args.pdf, chromium, layout);
    io.print(`PDF: ${args.pdf}`);
  }
  return 0;
}

/** The console's stylesheets, put inside the page so that the file prints anywhere on its own. */
export async function slipCss(layout: SlipLayout): Promise<string> {
  const files = ["printSheets.css", "slips.css", ...(layout === "a5" ? ["slipsA5.css"] : [])];
  const parts = await Promise.all(files.map((f) => readFile(path.join(STATIC_DIR, f), "utf8")));
  // Our own files; a closing tag inside would end the <style> element early.
  return parts.join("\n").replaceAll("</", "<\\/");
}

async function printPdf(page: string, out: string, executablePath: string, layout: SlipLayout): Promise<void> {
  // playwright-core is a development dependency: only loaded when a PDF is asked for.
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-background-networking"] });
  try {
    const tab = await browser.newPage();
    await tab.setContent(page, { waitUntil: "load" });
    await tab.pdf({ path: out, format: layout === "a5" ? "A5" : "A4", preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}

function parseCommandLine(argv: string[]): z.infer<typeof argsSchema> | null {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        commune: { type: "string" },
        month: { type: "string" },
        out: { type: "string" },
        layout: { type: "string" },
        "base-url": { type: "string" },
        pdf: { type: "string" },
        chromium: { type: "string" },
      },
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
  return openDatabase(async ({ db, config }) => {
    const i18n = await createI18n();
    return runSlipsCli(process.argv.slice(2), {
      prisma: db.prisma,
      policy: (await policyIn(db.prisma)).policy,
      config,
      translator: (locale) => i18n.t(locale),
      now: new Date(),
      print: (line) => console.log(line),
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) runCommand(main);
