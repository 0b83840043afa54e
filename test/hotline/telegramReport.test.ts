// A Telegram user tells that someone took the money: through the fake Bot API and the real app,
// they get the scam warning first, then the number of the ticket opened for it by itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "../../src/core/i18n.ts";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";

describe("a fraud report on Telegram", () => {
  let h: TelegramHarness;
  let vi: (key: string, params?: Record<string, unknown>) => string;

  beforeAll(async () => {
    h = await startTelegramHarness();
    const t = (await createI18n()).t("vi");
    vi = (key, params) => t(key, params);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is warned about first, then handed to an agent with a ticket number", async () => {
    expect((await h.post(h.fake.updates.text(7101, "có người lấy mất tiền trợ cấp của mẹ tôi rồi"))).status).toBe(200);
    const warning = await h.fake.waitForMessage(7101, (m) => m.text.includes(vi("chat:scam.rule")));
    const told = await h.fake.waitForMessage(7101, (m) => m.text.includes(vi("hotline:chat.why.fraud")));
    const ticket = await h.prisma.hotlineTicket.findFirstOrThrow({
      where: { identity: { channel: "TELEGRAM", platformUserId: "7101" } },
      include: { messages: true },
    });
    expect(ticket).toMatchObject({ topic: "fraud", priority: "URGENT", status: "NEW" });
    expect(ticket.messages.map((m) => m.text)).toEqual(["có người lấy mất tiền trợ cấp của mẹ tôi rồi"]);
    expect(told.text).toContain(vi("hotline:chat.opened", { number: ticket.number }));
    const sent = h.fake.sentMessages(7101);
    expect(sent.indexOf(warning)).toBeLessThan(sent.indexOf(told));
  });
});
