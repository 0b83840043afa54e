// The web chat in headless Chromium, as a person on a small phone (360 × 740) and on a desktop
// (1280 px) uses it: greeting, quick-reply buttons, linking with a printed code, history after a
// reload, a QR code that lands straight in linking, and a connection that drops and comes back.
// Screenshots go to /tmp/shots/webchat-*.png.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoData } from "../../src/features/demo/service.ts";
import { issueLinkCodes } from "../../src/features/linking/codes.ts";
import { createLogger } from "../../src/lib/logger.ts";
import { launchBrowser } from "../console/browser.ts";
import { startTestApp, type ChatTestApp } from "../helpers/app.ts";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 860 } };

let app: ChatTestApp;
let browser: Browser;
let communeId: string;
let unusedPeople: { id: string; fullName: string }[];

beforeAll(async () => {
  app = await startTestApp({ chat: true });
  await ensureDemoData({ prisma: app.prisma, log: createLogger({ level: "silent" }), clock: app.clock, seed: 1 });
  const commune = await app.prisma.commune.findFirstOrThrow({
    where: { beneficiaries: { some: { status: "ACTIVE" } } },
    orderBy: { code: "asc" },
  });
  communeId = commune.id;
  unusedPeople = await app.prisma.beneficiary.findMany({
    where: { communeId, status: "ACTIVE" },
    orderBy: { fullName: "asc" },
    take: 4,
    select: { id: true, fullName: true },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Prints a code for the next demo person, as the commune officer would. */
async function printedCode(): Promise<{ code: string; fullName: string }> {
  const person = unusedPeople.shift();
  if (!person) throw new Error("no demo person left");
  const issued = await issueLinkCodes(app.prisma, {
    communeId,
    beneficiaryIds: [person.id],
    validDays: 30,
    now: app.clock.now(),
    staff: null,
  });
  const code = issued.codes[0];
  if (!code) throw new Error("no code issued");
  return { code: code.displayCode, fullName: person.fullName };
}

async function open(
  options: typeof PHONE | typeof DESKTOP,
  path = "/chat",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, locale: "vi-VN" });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (err) => problems.push(err.message));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().includes("ERR_INTERNET_DISCONNECTED")) problems.push(msg.text());
  });
  await page.goto(`${app.url}${path}`);
  Object.assign(page, { problems });
  return { context, page };
}

function problemsOf(page: Page): string[] {
  return "problems" in page && Array.isArray(page.problems) ? page.problems.map(String) : [];
}

const log = (page: Page) => page.getByRole("log");
const botSays = (page: Page, text: string) => log(page).locator(".msg.bot .bubble", { hasText: text });
const chip = (page: Page, name: string) => log(page).getByRole("button", { name, exact: true });

async function expectNoSideScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

describe("the web chat on a phone", () => {
  it("greets a newcomer in Vietnamese, links with a printed code, and keeps the conversation after a reload", async () => {
    const { code, fullName } = await printedCode();
    const { context, page } = await open(PHONE);
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    await expect(botSays(page, "Kính chào Bác! Tôi là trợ lý An Sinh.").waitFor()).resolves.toBeUndefined();
    await chip(page, "Liên kết bằng mã").waitFor();
    await chip(page, "Liên kết bằng số định danh").waitFor();

    // Big enough to read and to tap; nothing wider than the phone.
    const bubbleFont = await botSays(page, "Kính chào Bác!").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(bubbleFont).toBeGreaterThanOrEqual(18);
    for (const box of await Promise.all((await log(page).getByRole("button").all()).map((b) => b.boundingBox()))) {
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    const send = page.getByRole("button", { name: "Gửi" });
    expect((await send.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await expectNoSideScroll(page);
    await page.screenshot({ path: "/tmp/shots/webchat-phone-1-welcome.png" });

    await chip(page, "Liên kết bằng mã").tap();
    // The pressed button shows as the person's own message; the old buttons go away.
    await log(page).locator(".msg.me .bubble", { hasText: "Liên kết bằng mã" }).waitFor();
    await botSays(page, "Bác nhập mã liên kết in trên giấy báo của xã.").waitFor();
    expect(await chip(page, "Liên kết bằng số định danh").count()).toBe(0);

    const box = page.getByRole("textbox", { name: "Tin nhắn của bạn" });
    await box.fill(code.toLowerCase());
    await box.press("Enter");
    await botSays(page, `Đây là mã của`).waitFor();
    await expect(botSays(page, fullName).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: "/tmp/shots/webchat-phone-2-code.png" });
    await chip(page, "Tôi là chính chủ").tap();
    await botSays(page, "Bác có đồng ý không?").waitFor();
    await page.screenshot({ path: "/tmp/shots/webchat-phone-3-consent.png" });
    await chip(page, "Đồng ý").tap();
    await botSays(page, "Liên kết xong!").waitFor();
    await chip(page, "Khi nào nhận tiền").waitFor();
    await expectNoSideScroll(page);
    // The newest message is in view.
    await expect(botSays(page, "Liên kết xong!").isVisible()).resolves.toBe(true);
    await page.screenshot({ path: "/tmp/shots/webchat-phone-4-linked.png" });

    await page.reload();
    await botSays(page, "Liên kết xong!").waitFor();
    const mine = await log(page).locator(".msg.me .bubble").allInnerTexts();
    expect(mine.map((t) => t.replace(/^Bạn:\s*/, ""))).toEqual([
      "Liên kết bằng mã",
      code.toLowerCase(),
      "Tôi là chính chủ",
      "Đồng ý",
    ]);
    // A reload is not a new visit: no second greeting.
    expect(await botSays(page, "Kính chào Bác! Tôi là trợ lý An Sinh.").count()).toBe(1);
    await chip(page, "Khi nào nhận tiền").waitFor();
    await page.screenshot({ path: "/tmp/shots/webchat-phone-5-reloaded.png", fullPage: true });
    expect(problemsOf(page)).toEqual([]);
    await context.close();
  });

  it("sends what was typed while offline once the connection is back, and answers it once", async () => {
    const { context, page } = await open(PHONE);
    await chip(page, "Liên kết bằng mã").waitFor();
    await context.setOffline(true);
    const banner = page.getByRole("status");
    await banner.filter({ hasText: "Mất kết nối mạng" }).waitFor();
    const box = page.getByRole("textbox", { name: "Tin nhắn của bạn" });
    await box.fill("trợ giúp");
    await page.getByRole("button", { name: "Gửi" }).tap();
    await log(page).getByText("Chưa gửi được, đang thử lại…").waitFor();
    await page.screenshot({ path: "/tmp/shots/webchat-phone-6-offline.png" });
    await context.setOffline(false);
    await botSays(page, "Tôi giúp Bác xem ngày nhận").waitFor({ timeout: 20_000 });
    await banner.waitFor({ state: "hidden" });
    await app.runtime.engine.settle();
    // However many times the page retried, the bot answered once.
    await page.waitForTimeout(1500);
    expect(await botSays(page, "Lưu ý: Không bao giờ đưa mã OTP").count()).toBe(1);
    const chatId = (await context.cookies()).find((c) => c.name === "asb_chat")?.value;
    const stored = await app.prisma.inboundMessage.count({
      where: { identity: { platformUserId: chatId }, kind: "text" },
    });
    expect(stored).toBe(1);
    await context.close();
  });

  it("asks a chat that sends too fast to wait, then sends its message by itself", async () => {
    const { context, page } = await open(PHONE);
    await chip(page, "Liên kết bằng mã").waitFor();
    // Someone (or a stuck key) fires twenty messages within a few seconds.
    await page.evaluate(async () => {
      for (let i = 0; i < 20; i++) {
        await fetch("/chat/api/messages", {
          method: "POST",
          headers: { "content-type": "application/json", "x-requested-with": "asb-chat" },
          body: JSON.stringify({ clientMessageId: crypto.randomUUID(), kind: "text", text: "menu" }),
        });
      }
    });
    const box = page.getByRole("textbox", { name: "Tin nhắn của bạn" });
    await box.fill("trợ giúp");
    await box.press("Enter");
    await page.getByRole("status").filter({ hasText: "Bạn gửi hơi nhanh" }).waitFor();
    await page.screenshot({ path: "/tmp/shots/webchat-phone-7-slow-down.png" });
    app.clock.advance(11_000);
    await botSays(page, "Bác chỉ cần bấm nút.").waitFor({ timeout: 15_000 });
    await page.getByRole("status").waitFor({ state: "hidden" });
    await context.close();
  });
});

describe("the web chat on a desktop", () => {
  it("goes straight to linking from a printed QR code (/chat?code=…) and forgets the code in the address", async () => {
    const { code, fullName } = await printedCode();
    const { context, page } = await open(DESKTOP, `/chat?code=${encodeURIComponent(code)}`);
    await botSays(page, "Đây là mã của").waitFor();
    await expect(botSays(page, fullName).count()).resolves.toBeGreaterThan(0);
    await chip(page, "Tôi là chính chủ").waitFor();
    expect(new URL(page.url()).search).toBe("");
    await expectNoSideScroll(page);
    await page.screenshot({ path: "/tmp/shots/webchat-desktop-1-qr.png" });
    await chip(page, "Tôi là chính chủ").click();
    await chip(page, "Đồng ý").click();
    await botSays(page, "Liên kết xong!").waitFor();
    await page.screenshot({ path: "/tmp/shots/webchat-desktop-2-linked.png" });
    expect(problemsOf(page)).toEqual([]);
    await context.close();
  });

  it("speaks English to a newcomer who opens /chat?lang=en", async () => {
    const { context, page } = await open(DESKTOP, "/chat?lang=en");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("textbox", { name: "Your message" }).waitFor();
    await chip(page, "Link with a code").waitFor();
    await page.screenshot({ path: "/tmp/shots/webchat-desktop-3-english.png" });
    await context.close();
  });
});
