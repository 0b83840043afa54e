// A son chatting for his mother on a small phone (360 px), from linking through a payout question,
// the evening the money should have come, her death and the report to the commune, with a ticket
// open all along. Read as he reads it: short bubbles, the answer first, his mother named "bác
// Phượng", him addressed as "anh/chị", a button for every choice, a person one tap away.
// Screenshots go to /tmp/shots/relative-*.png.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { planPayoutNotices } from "../../src/features/notifications/planPayoutNotices.ts";
import { launchBrowser } from "../console/browser.ts";
import { todayInVietnam } from "../../src/lib/calendarDate.ts";
import { formatDate } from "../../src/lib/format.ts";
import { printedCode, seedFamilyWorld, type FamilyWorld } from "../chat/familyWorld.ts";
import { movableClock, startTestApp, type ChatTestApp } from "../helpers/app.ts";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

// Tomorrow is the delivery day: the clock only ever moves forward from the real time here, as the
// outbox sends what is due by the database's own clock.
const DAY = todayInVietnam(new Date(Date.now() + 86_400_000));
const MORNING = new Date(`${DAY}T03:00:00Z`);
const EVENING = new Date(`${DAY}T12:28:00Z`);
const YESTERDAY = formatDate(new Date(new Date(`${DAY}T00:00:00Z`).getTime() - 86_400_000).toISOString().slice(0, 10));

let app: ChatTestApp;
let browser: Browser;
let world: FamilyWorld;

beforeAll(async () => {
  app = await startTestApp({ chat: true, clock: movableClock(MORNING), env: { QUIET_HOURS: "" } });
  world = await seedFamilyWorld(app.prisma, DAY);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const log = (page: Page) => page.getByRole("log");
const lastBot = (page: Page) => log(page).locator(".msg.bot .bubble").last();
const chip = (page: Page, name: string) => log(page).locator(".chips").getByRole("button", { name, exact: true });
const botSays = (page: Page, text: string | RegExp) => log(page).locator(".msg.bot .bubble", { hasText: text });

async function type(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Tin nhắn của bạn" });
  await box.fill(text);
  await box.press("Enter");
}

/** What he reads must be addressed to him, about his mother, and fit a phone without scrolling sideways. */
async function readsNaturally(page: Page): Promise<void> {
  const bubbles = (await log(page).locator(".msg.bot .bubble").allInnerTexts()).map((t) =>
    t.replace(/^An Sinh Bot:\s*/, ""),
  );
  for (const b of bubbles) {
    expect(b, b).not.toMatch(/\bBác nhận|nhà Bác|của Bác\b/);
    expect(b.length, b).toBeLessThanOrEqual(600);
  }
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

describe("a son chatting for his mother on a phone", () => {
  it("links, asks about the money, reports her death and keeps a person within reach", async () => {
    // This month's notices went out before he links: he gets the current one as soon as he does.
    await planPayoutNotices(
      { prisma: app.prisma, config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", QUIET_HOURS: "" }) },
      app.clock.now(),
    );
    const context = await browser.newContext({ ...PHONE, locale: "vi-VN" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (err) => problems.push(err.message));
    await page.goto(`${app.url}/chat`);
    await botSays(page, "Kính chào Bác!").waitFor();
    await chip(page, "Gặp người thật").waitFor();

    await type(page, await printedCode(app.prisma, world, world.phuong, app.clock.now()));
    await chip(page, "Tôi là người thân").tap();
    await chip(page, "Đồng ý").tap();
    await botSays(page, "anh/chị xem được thông tin trợ cấp của bác Phượng").waitFor();
    // Today's notice arrives with its own buttons; the menu's buttons stay below it.
    await log(page).locator(".msg.bot .inline").first().waitFor({ timeout: 15_000 });
    await chip(page, "Khi nào nhận tiền").waitFor();
    await page.screenshot({ path: "/tmp/shots/relative-1-linked.png" });

    await chip(page, "Khi nào nhận tiền").tap();
    await botSays(page, `Hôm nay (${formatDate(DAY)}) nhân viên bưu điện mang tiền đến nhà bác Phượng`).waitFor();
    await chip(page, "Gặp người thật").waitFor();
    await page.screenshot({ path: "/tmp/shots/relative-2-today.png" });

    // 19:28 the same day: the delivery hours are over and nothing was reported.
    app.clock.set(EVENING);
    await type(page, "tối rồi mà chưa thấy bưu điện mang tiền tới cho mẹ tôi");
    await botSays(page, "Giờ phát đã qua").waitFor();
    await botSays(page, /Số phiếu: \d+/).waitFor();
    await page.screenshot({ path: "/tmp/shots/relative-3-evening.png" });

    await type(page, "mẹ tôi mất rồi");
    await expect(botSays(page, "Xin chia buồn cùng anh/chị và gia đình.").first().waitFor()).resolves.toBeUndefined();
    await botSays(page, "hỗ trợ mai táng").first().waitFor();
    await chip(page, "Báo tin cho xã ngay").waitFor();
    await page.screenshot({ path: "/tmp/shots/relative-4-death.png" });

    await chip(page, "Báo tin cho xã ngay").tap();
    await botSays(page, "bác Phượng mất ngày nào?").waitFor();
    await type(page, "hôm qua");
    await botSays(page, `mất ngày ${YESTERDAY}`).waitFor();
    await chip(page, "Gửi cho xã").tap();
    await botSays(page, "Cán bộ xã sẽ xem giấy tờ").waitFor();
    await page.screenshot({ path: "/tmp/shots/relative-5-reported.png" });

    // The ticket is still open: a question is still answered, and the agent sees it too.
    await type(page, "giấy báo tử của mẹ tôi xã nhận chưa");
    await botSays(page, /đang chờ cán bộ xã duyệt/).waitFor();
    await chip(page, "Quay lại").waitFor();
    await page.screenshot({ path: "/tmp/shots/relative-6-status.png", fullPage: true });
    const ticket = await app.prisma.hotlineTicket.findFirstOrThrow({ include: { messages: true } });
    expect(ticket.messages.map((m) => m.text)).toContain("giấy báo tử của mẹ tôi xã nhận chưa");

    await readsNaturally(page);
    expect(await lastBot(page).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
