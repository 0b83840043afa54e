import { describe, expect, it } from "vitest";
import { telegramUpdate, updateToEvent } from "./updateToEvent.ts";

const at = new Date("2026-03-01T02:00:00Z");
const from = { id: 42, is_bot: false, first_name: "Nguyễn", last_name: "Thị Lan", language_code: "en" };
const privateChat = { id: 42, type: "private", first_name: "Nguyễn" };

function parse(json: unknown) {
  return telegramUpdate.parse(json);
}

function textUpdate(text: string, chat: object = privateChat) {
  return parse({ update_id: 7, message: { message_id: 1, date: 1, chat, from, text } });
}

describe("turning Telegram updates into events", () => {
  it("a text message becomes text from the chat, with the person's name and language", () => {
    expect(updateToEvent(textUpdate("lịch chi trả"), at)).toEqual({
      kind: "text",
      text: "lịch chi trả",
      chat: { channel: "TELEGRAM", platformUserId: "42" },
      messageId: "42:1",
      at,
      displayName: "Nguyễn Thị Lan",
      languageHint: "en",
    });
  });

  it("/start with a deep-link payload carries the payload; other commands stay text", () => {
    expect(updateToEvent(textUpdate("/start ABCD-EFGH"), at)).toMatchObject({ kind: "start", payload: "ABCD-EFGH" });
    expect(updateToEvent(textUpdate("/start"), at)).toEqual(expect.objectContaining({ kind: "start" }));
    expect(updateToEvent(textUpdate("/start"), at)).not.toHaveProperty("payload");
    expect(updateToEvent(textUpdate("/help"), at)).toMatchObject({ kind: "text", text: "/help" });
    // Longer than any deep link can be: kept as text rather than rejected.
    expect(updateToEvent(textUpdate(`/start ${"x".repeat(65)}`), at)).toMatchObject({ kind: "text" });
  });

  it("a button press becomes a button event keyed by its callback query id, not the update id", () => {
    const update = parse({
      update_id: 9,
      callback_query: {
        id: "q1",
        from,
        chat_instance: "c",
        data: "menu:payouts",
        message: { message_id: 3, date: 1, chat: privateChat },
      },
    });
    expect(updateToEvent(update, at)).toMatchObject({
      kind: "button",
      data: "menu:payouts",
      messageId: "cb:q1",
      chat: { platformUserId: "42" },
    });
  });

  it("blocking and unblocking the bot mark the chat unreachable and reachable", () => {
    const member = (status: string) =>
      parse({
        update_id: 11,
        my_chat_member: {
          chat: privateChat,
          from,
          date: 1,
          old_chat_member: { status: "member", user: from },
          new_chat_member: { status, user: from },
        },
      });
    expect(updateToEvent(member("kicked"), at)).toMatchObject({ kind: "unreachable", reason: "blocked" });
    expect(updateToEvent(member("member"), at)).toMatchObject({ kind: "reachable" });
  });

  it("photos, stickers and voice notes are named as unsupported", () => {
    const msg = (extra: object) =>
      parse({ update_id: 12, message: { message_id: 1, date: 1, chat: privateChat, from, ...extra } });
    expect(updateToEvent(msg({ photo: [{ file_id: "a" }] }), at)).toMatchObject({ kind: "unsupported", what: "photo" });
    expect(updateToEvent(msg({ sticker: { file_id: "s" } }), at)).toMatchObject({
      kind: "unsupported",
      what: "sticker",
    });
    expect(updateToEvent(msg({ voice: { file_id: "v" } }), at)).toMatchObject({ kind: "unsupported", what: "voice" });
  });

  it("messages in groups are ignored: payout data is never shown in a group", () => {
    expect(updateToEvent(textUpdate("lịch chi trả", { id: -100, type: "supergroup", title: "Xóm" }), at)).toBeNull();
  });

  it("a body without a numeric update_id, or with a malformed message, is not an update", () => {
    expect(telegramUpdate.safeParse({ message: { text: "hi" } }).success).toBe(false);
    expect(telegramUpdate.safeParse({ update_id: "1" }).success).toBe(false);
    expect(telegramUpdate.safeParse({ update_id: 1, message: { message_id: 1, chat: { id: "x" } } }).success).toBe(
      false,
    );
  });
});
