// The hotline end to end: a web-chat user and a Telegram user ask for a person; an agent in a real
// browser sees both, answers one, sees the answer come back without reloading, resolves it, and
// the person is asked whether they are satisfied. A refused reply shows as undelivered.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../console/browser.ts";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";
import { createStaff } from "../helpers/app.ts";
import { openChat } from "../webchat/chatClient.ts";

const PW = "mat-khau-dai-12345";

describe("the hotline console", () => {
  let h: TelegramHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    h = await startTelegramHarness();
    const province = await h.prisma.province.create({ data: { code: "931", name: "Tỉnh Tổng Đài" } });
    await h.prisma.commune.create({ data: { code: "93101", name: "Xã Một", provinceId: province.id } });
    await createStaff(h.prisma, {
      username: "tongdai.mai",
      password: PW,
      role: "HOTLINE_AGENT",
      fullName: "Trần Thị Mai",
      provinceCodes: ["931"],
    });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await h?.close();
  });

  const telegramTicket = (chatId: number) =>
    h.prisma.hotlineTicket.findFirstOrThrow({
      where: { identity: { channel: "TELEGRAM", platformUserId: String(chatId) } },
    });

  it("takes a web-chat and a Telegram escalation through the queue, the answer, the reply and the satisfaction question", async () => {
    const web = await openChat(h.url);
    expect((await web.post({ kind: "text", text: "tôi muốn gặp nhân viên" })).status).toBe(202);
    expect((await h.post(h.fake.updates.callback(6001, "hotline"))).status).toBe(200);
    const told = await h.fake.waitForMessage(6001, (m) => m.text.includes("Số phiếu của Bác"));
    const ticket = await telegramTicket(6001);
    expect(told.text).toContain(String(ticket.number));

    await page.goto(`${h.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill("tongdai.mai");
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Tổng đài", exact: true }).click();
    const queue = page.locator("table.hotline-queue tbody tr");
    await expect.poll(() => queue.count()).toBe(2);
    expect(await queue.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining("Telegram"), expect.stringContaining("Trò chuyện trên web")]),
    );

    await page.getByRole("link", { name: `#${ticket.number}` }).click();
    await page.getByRole("button", { name: "Nhận xử lý" }).click();
    await expect.poll(() => page.locator(".flash").innerText()).toContain("Bạn đã nhận phiếu");
    await page.getByLabel("Câu trả lời mẫu").selectOption({ label: "Chào hỏi" });
    expect(await page.getByLabel("Trả lời người dân").inputValue()).toContain("tổng đài viên");
    await page.getByLabel("Trả lời người dân").fill("Chào Bác, Bác ở thôn nào ạ?");
    await page.getByRole("button", { name: "Gửi trả lời" }).click();

    const answer = await h.fake.waitForMessage(6001, (m) => m.text.includes("Bác ở thôn nào ạ?"));
    expect(answer.text).toContain(`phiếu số ${ticket.number}`);
    await expect
      .poll(() => page.locator("#messages .delivery").first().innerText(), { timeout: 15_000 })
      .toBe("Đã gửi");

    // The person answers; the agent's page shows it without a reload.
    expect((await h.post(h.fake.updates.text(6001, "Tôi ở thôn 3, xã Một"))).status).toBe(200);
    await expect
      .poll(() => page.locator("#messages").innerText(), { timeout: 10_000 })
      .toContain("Tôi ở thôn 3, xã Một");

    await page.getByLabel("Kết quả").selectOption({ label: "Đã trả lời" });
    await page.getByRole("button", { name: "Đóng phiếu" }).click();
    await expect.poll(() => page.locator("#status").innerText()).toBe("Đã giải quyết");
    const question = await h.fake.waitForMessage(6001, (m) => m.text.includes("Bác có hài lòng"));
    const satisfied = question.buttons.flat().find((b) => b.text === "Hài lòng");
    expect(satisfied).toBeDefined();
    expect((await h.post(h.fake.updates.callback(6001, satisfied?.data ?? ""))).status).toBe(200);
    await expect.poll(async () => (await telegramTicket(6001)).satisfaction).toBe(3);
  });

  it("shows a reply the platform refused as undelivered, with the reason", async () => {
    expect((await h.post(h.fake.updates.text(6002, "cho tôi gặp nhân viên"))).status).toBe(200);
    await h.fake.waitForMessage(6002, (m) => m.text.includes("Số phiếu của Bác"));
    const ticket = await telegramTicket(6002);
    h.fake.block(6002);
    await page.goto(`${h.url}/console/hotline/${ticket.number}`);
    await page.getByLabel("Trả lời người dân").fill("Bác cần hỏi gì ạ?");
    await page.getByRole("button", { name: "Gửi trả lời" }).click();
    await expect
      .poll(() => page.locator("#messages .delivery").first().innerText(), { timeout: 10_000 })
      .toMatch(/^Không gửi được: .*blocked/i);
  });
});
