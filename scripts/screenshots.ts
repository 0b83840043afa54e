// The README's screenshots, taken from the real service on the demo data so they show what the
// code does today: `npm run screenshots` starts the service on a fresh embedded database in a
// temporary folder (the demo province loads by itself), then, in headless Chromium with the
// browser tests' settings:
//   - a commune officer prints link codes, as the commune does on paper;
//   - two people (one on a phone, one on a desktop) link the web chat with them, ask when the
//     money comes and ask for a real person (which opens hotline tickets);
//   - the province officer's dashboard and the hotline agent's queue and ticket.
// Phone (390 × 844) and desktop (1280 px) sizes; PNGs go to docs/images/ (or the folder given as
// the first argument). `SCREENSHOTS_URL=http://…` uses a service that is already running on the
// demo data instead of starting one.
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser } from "../test/console/browser.ts";
import { startServiceProcess, type ServiceProcess } from "../test/helpers/serviceProcess.ts";

const OUT = path.resolve(process.argv[2] ?? path.join("docs", "images"));
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 1,
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
// The demo's accounts, as the start-up banner prints them.
const ACCOUNTS = {
  commune: ["xa1", "xa1-demo-2026"],
  province: ["tinh", "tinh-demo-2026"],
  hotline: ["tongdai", "tongdai-demo-2026"],
} as const;
const WAIT = { timeout: 30_000 };

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  let service: ServiceProcess | null = null;
  let dataDir: string | null = null;
  let browser: Browser | null = null;
  try {
    let url = process.env.SCREENSHOTS_URL?.replace(/\/+$/, "");
    if (!url) {
      dataDir = await mkdtemp(path.join(tmpdir(), "asb-screenshots-"));
      console.log(`starting the service on the demo data in ${dataDir} …`);
      // Info level: readiness is read from the log.
      service = await startServiceProcess({ DATA_DIR: dataDir, DEMO_DATA: "auto" }, { readyTimeoutMs: 300_000 });
      await service.ready;
      url = service.url;
    }
    browser = await launchBrowser();
    await takeAll(browser, url);
  } finally {
    await browser?.close();
    await service?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

async function takeAll(browser: Browser, url: string): Promise<void> {
  const shot = async (page: Page, name: string, fullPage = false) => {
    // Let fonts and the last message's scroll settle.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
    console.log(`  ${path.relative(process.cwd(), path.join(OUT, `${name}.png`))}`);
  };
  const signIn = async (options: BrowserContextOptions, [username, password]: readonly [string, string]) => {
    const context = await browser.newContext({ ...options, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${url}/console/login?lang=vi`);
    await page.locator("#username").fill(username);
    await page.locator("#password").fill(password);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/console$/, WAIT);
    return { context, page };
  };

  // The commune prints link codes; two of them link the chats below.
  const officer = await signIn(DESKTOP, ACCOUNTS.commune);
  await officer.page.goto(`${url}/console/link-codes`);
  await officer.page.locator("form.panel button[type=submit]").click();
  const codes = await officer.page.locator(".sheet .code-box .code").allInnerTexts();
  await officer.context.close();
  if (codes.length < 2) throw new Error("the demo commune printed fewer than two link codes");

  // The web chat: greeting, linking with the printed code, when the money comes, a real person.
  for (const [size, options, code] of [
    ["phone", PHONE, codes[0]!],
    ["desktop", DESKTOP, codes[1]!],
  ] as const) {
    const context = await browser.newContext({ ...options, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${url}/chat`);
    const log = page.getByRole("log");
    const chip = (name: string) => log.getByRole("button", { name, exact: true }).last();
    const botSays = (text: string) => log.locator(".msg.bot .bubble", { hasText: text }).last();
    const press = async (name: string) => {
      await chip(name).waitFor(WAIT);
      await (size === "phone" ? chip(name).tap() : chip(name).click());
    };
    await botSays("Kính chào Bác!").waitFor(WAIT);
    await chip("Liên kết bằng mã").waitFor(WAIT);
    await shot(page, `webchat-${size}-welcome`);
    await press("Liên kết bằng mã");
    const box = page.getByRole("textbox", { name: "Tin nhắn của bạn" });
    await box.fill(code);
    await box.press("Enter");
    await press("Tôi là chính chủ");
    await press("Đồng ý");
    await botSays("Liên kết xong!").waitFor(WAIT);
    const before = await log.locator(".msg.bot").count();
    await press("Khi nào nhận tiền");
    // The answer may come in more than one message: wait for the first, then for the rest.
    await page.waitForFunction((n) => document.querySelectorAll("[role=log] .msg.bot").length > n, before, WAIT);
    await page.waitForTimeout(2_000);
    await shot(page, `webchat-${size}`);
    // Each person then asks for a real person: the hotline queue below has their tickets.
    const asked = await log.locator(".msg.bot").count();
    await box.fill("gặp nhân viên");
    await box.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll("[role=log] .msg.bot").length > n, asked, WAIT);
    await context.close();
  }

  // The console: the province officer's dashboard, the hotline agent's queue and ticket.
  for (const [size, options] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    const province = await signIn(options, ACCOUNTS.province);
    await province.page.goto(`${url}/console/dashboard`);
    await province.page.locator("main h1").waitFor(WAIT);
    await shot(province.page, `console-${size}-dashboard`);
    await province.context.close();

    const hotline = await signIn(options, ACCOUNTS.hotline);
    await hotline.page.goto(`${url}/console/hotline`);
    await hotline.page.locator("main h1").waitFor(WAIT);
    await shot(hotline.page, `console-${size}-hotline`);
    const ticket = hotline.page.locator("main a[href^='/console/hotline/']").first();
    if (size === "desktop" && (await ticket.count()) > 0) {
      await ticket.click();
      await hotline.page.locator(".hotline-ticket").waitFor(WAIT);
      await shot(hotline.page, `console-${size}-ticket`);
    }
    await hotline.context.close();
  }
}

await main();
