// A relative on Telegram asks to collect for her mother, sees the words and buttons Telegram shows,
// and gets the officer's approval as a message from the bot, with the button to link her chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideRequest } from "../../src/features/requests/review.ts";
import type { SentMessage } from "../fakes/telegramApi.ts";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";
import { seedRequestWorld, type RequestWorld } from "./world.ts";

const CHAT = 8801;
let h: TelegramHarness;
let world: RequestWorld;
let seen = 0;

beforeAll(async () => {
  h = await startTelegramHarness({ env: { QUIET_HOURS: "off" } });
  world = await seedRequestWorld(h.prisma);
});
afterAll(async () => {
  await h?.close();
});

/** The next message to the chat that matches, after the ones already looked at. */
async function next(match: (m: SentMessage) => boolean): Promise<SentMessage> {
  const m = await h.fake.waitForMessage(CHAT, match, { after: seen });
  seen = h.fake.sentMessages(CHAT).indexOf(m) + 1;
  return m;
}
const saying = (text: string) => (m: SentMessage) => m.text.includes(text);

async function press(m: SentMessage, label: string | RegExp): Promise<void> {
  const data = m.buttons.flat().find((b) => (typeof label === "string" ? b.text === label : label.test(b.text)))?.data;
  if (!data) throw new Error(`no button ${String(label)} in: ${m.text}`);
  expect((await h.post(h.fake.updates.callback(CHAT, data))).status).toBe(200);
}
async function type(text: string): Promise<void> {
  expect((await h.post(h.fake.updates.text(CHAT, text))).status).toBe(200);
}

describe("the authorisation walkthrough on Telegram", () => {
  it("guides a relative step by step, sends the request, and delivers the approval with a link button", async () => {
    await type("/start");
    await press(
      await next((m) => m.buttons.flat().some((b) => b.text === "Nhờ người nhận thay")),
      "Nhờ người nhận thay",
    );
    await next(saying("Bước 1/6"));
    await type("001140123456");
    await next(saying("ngày sinh của người hưởng"));
    await type("09/05/1940");
    await next(saying("4 số cuối"));
    await type("5678");
    await next(saying("Đã tìm đúng hồ sơ của Nguyễn Thị Đào"));
    await next(saying("Bước 2/6"));
    await type("Lê Thị Hoa");
    await press(await next(saying("là gì của Nguyễn Thị Đào")), "Con");
    await type("001190222333");
    await type("0987654321");
    await press(await next(saying("từ tháng nào")), /^Tháng \d\d\/\d{4}$/);
    await press(await next(saying("trong bao lâu")), "12 tháng");
    await press(await next(saying("chứng thực chữ ký")), "Đã hiểu, làm tiếp");
    const summary = await next(saying("Bước 6/6"));
    expect(summary.text).toContain("Lê Thị Hoa (Con) nhận tiền thay cho Nguyễn Thị Đào.");
    expect(summary.text).toContain("••••••••2333");
    await press(summary, "Gửi cho xã");
    const sent = await next(saying("Đã gửi yêu cầu cho cán bộ xã"));
    expect(sent.text).toMatch(/https:\/\/ansinh\.example\.org\/forms\/authorisation\/[A-Za-z0-9_-]{32}/);

    const request = await h.prisma.changeRequest.findFirstOrThrow({ where: { status: "PENDING" } });
    const outcome = await decideRequest(
      h.prisma,
      world.officer,
      { requestId: request.id, decision: "approve", checklist: ["certifiedPaper", "beneficiaryId", "relativeId"] },
      h.clock.now(),
    );
    expect(outcome.ok).toBe(true);
    h.runtime.outbox.kick();
    const approved = await next(saying("Xã đã duyệt: Lê Thị Hoa nhận tiền thay cho Nguyễn Thị Đào"));
    await press(approved, "Liên kết để xem thay");
    await press(await next((m) => m.buttons.flat().some((b) => b.text === "Đồng ý")), "Đồng ý");
    // Linked, and told as the relative about "bác Đào".
    await next(saying("anh/chị xem được thông tin trợ cấp của bác Đào"));
    const identity = await h.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "TELEGRAM", platformUserId: String(CHAT) } },
      include: { links: true },
    });
    expect(identity.links).toMatchObject([{ beneficiaryId: world.dao, role: "REPRESENTATIVE", via: "AUTHORISATION" }]);
    // The approval went out once.
    expect(h.fake.sentMessages(CHAT).filter((m) => m.text.includes("Xã đã duyệt")).length).toBe(1);
  });
});
