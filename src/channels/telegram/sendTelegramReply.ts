// Sends one rendered reply as Telegram messages and tells the outbox what happened, in its terms:
// delivered, refused for good (blocked: never retry), or refused for now (retry, maybe after N s).
import { TelegramError, type Telegram } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import type { RenderedReply } from "../../core/renderReply.ts";
import type { SendResult } from "../channel.ts";

// Telegram refuses longer messages ("message is too long").
const MAX_MESSAGE = 4096;

export async function sendTelegramReply(telegram: Telegram, chatId: string, reply: RenderedReply): Promise<SendResult> {
  const parts = splitText(reply.text, MAX_MESSAGE);
  // A link opens in the browser when its address is absolute; a path (web chat only) cannot.
  const keyboard: InlineKeyboardButton[][] = reply.buttons.map((row) =>
    row.map((b) =>
      b.url && /^https?:\/\//.test(b.url) ? { text: b.label, url: b.url } : { text: b.label, callback_data: b.data },
    ),
  );
  let lastId: number | undefined;
  let unreadable = false;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    try {
      // Plain text, no parse_mode: names and free text from officers' files must never be read as markup.
      const sent = await telegram.sendMessage(
        chatId,
        part,
        last && keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {},
      );
      lastId = typeof sent.message_id === "number" ? sent.message_id : lastId;
    } catch (err) {
      // The message went out; only the answer could not be read. Sending it again would repeat it.
      if (answerUnreadable(err)) unreadable = true;
      else return failure(err);
    }
  }
  return {
    ok: true,
    ...(lastId === undefined ? {} : { platformMessageId: String(lastId) }),
    ...(unreadable ? { answerUnreadable: true } : {}),
  };
}

/**
 * telegraf throws node-fetch's "invalid-json" FetchError when an answer is not JSON. It rejects
 * 5xx before reading the body, and Telegram answers every other request with a JSON object (Bot
 * API, "Making requests": ok, result or error_code and description), so an unreadable body came
 * with a 2xx: the request was carried out.
 */
function answerUnreadable(err: unknown): boolean {
  return err instanceof Error && err.name === "FetchError" && "type" in err && err.type === "invalid-json";
}

function failure(err: unknown): SendResult {
  if (!(err instanceof TelegramError)) {
    // Network trouble (connection refused, reset, timeout): the message may be sent later.
    return { ok: false, permanent: false, reason: err instanceof Error ? err.message.slice(0, 200) : "network error" };
  }
  const reason = err.description.slice(0, 200);
  if (err.code === 429) {
    const seconds = err.parameters?.retry_after;
    // Telegram's flood control is per bot: the whole sender waits, not just this chat.
    return {
      ok: false,
      permanent: false,
      reason,
      pauseSender: true,
      ...(typeof seconds === "number" ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  // 403: blocked by the user, user deactivated, bot can't initiate conversation. 400 "chat not
  // found": the chat is gone. Retrying cannot help either way.
  if (
    err.code === 403 ||
    (err.code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(err.description))
  ) {
    return { ok: false, permanent: true, reason };
  }
  // 5xx, 401 (token revoked: an operator problem, not the person's), other 400s: the chat itself is
  // fine, so it must not be marked unreachable; the outbox retries and eventually gives up.
  return { ok: false, permanent: false, reason: `${err.code}: ${reason}` };
}

/** Splits at paragraph, then line, then word boundaries so each part fits one message. */
function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const at = ["\n\n", "\n", " "].map((sep) => window.lastIndexOf(sep)).find((i) => i > max / 2) ?? max;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  parts.push(rest);
  return parts;
}
