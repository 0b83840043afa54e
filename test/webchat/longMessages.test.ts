// Long texts in the web chat: a story over 2,000 characters is read and answered; one longer than
// any channel takes is refused with a reason the page can tell the person, never a silent 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type ChatTestApp } from "../helpers/app.ts";
import { openChat } from "./chatClient.ts";

let app: ChatTestApp;

beforeAll(async () => {
  app = await startTestApp({ chat: true });
});
afterAll(async () => {
  await app.close();
});

const STORY =
  "Dạ chào cô chú ở xã, con là con trai của bà Phượng ở thôn 4. Mẹ con năm nay 84 tuổi rồi, chân yếu không đi lại được. " +
  "Nhà con ở xa, mấy bữa nay trời mưa suốt nên con chưa về thăm mẹ được, hàng xóm có qua lại giúp mẹ con nấu cơm. ";

describe("a long text in the web chat", () => {
  it("answers a story of more than 2,000 characters with the question at its end", async () => {
    const chat = await openChat(app.url);
    const text = `${STORY.repeat(10)}Tháng này khi nào mẹ con được nhận tiền và nhận ở đâu ạ? Con cảm ơn.`;
    expect(text.length).toBeGreaterThan(2000);
    expect((await chat.post({ kind: "text", text })).status).toBe(202);
    await app.runtime.engine.settle();
    await app.runtime.outbox.drain();
    const { items } = await chat.history();
    const answer = items.filter((i) => i.from === "bot").at(-1);
    expect(answer).toBeDefined();
    // Read as a question about the payout (this chat is not linked: how payouts work, and the way to link).
    expect(answer?.text).toContain(app.deps.i18n.t("vi")("payouts:general.monthly"));
  });

  it("refuses a text longer than a message may be with 'too_long' and the limit, storing nothing", async () => {
    const chat = await openChat(app.url);
    const res = await chat.post({ kind: "text", text: "a ".repeat(2100) + "tiền về chưa" });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "too_long", max: 4096 });
    await app.runtime.engine.settle();
    expect((await chat.history()).items).toEqual([]);
  });
});
