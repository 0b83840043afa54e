// SMS through a generic HTTP gateway (most Vietnamese brand-name SMS providers offer one):
//   POST SMS_GATEWAY_URL   Authorization: Bearer SMS_GATEWAY_TOKEN
//   {"to":"84912345678","text":"…","sender":"BRANDNAME","reference":"<message id>"}
// 2xx means accepted (an optional {"id":"…"} is kept); 429 pauses the gateway (Retry-After);
// 5xx and network errors are retried; other 4xx mean this number cannot get the message.
// One sender serves both kinds of SMS row: a notice to a phone on record (`row.phone`), and a message
// of an SMS conversation (channels/sms), whose chat id is the phone. Both are paced as one gateway.
import { z } from "zod";
import type { SendResult } from "../../channels/channel.ts";
import type { I18n } from "../../core/i18n.ts";
import { renderReply } from "../../core/renderReply.ts";
import { smsText } from "../../channels/sms/smsText.ts";
import type { Sender } from "../sender.ts";
import { internationalPhone, retryAfterMs } from "./phoneWire.ts";

export interface SmsSettings {
  url: string;
  token?: string;
  senderName?: string;
  /** Without diacritics: fits 160 characters per part and every phone shows it. */
  ascii: boolean;
  ratePerSecond: number;
  timeoutMs?: number;
}

// Three GSM parts; longer texts are cut at a word.
const MAX_LENGTH = 459;
const accepted = z.object({ id: z.union([z.string(), z.number()]).transform(String).optional() }).passthrough();

export function createSmsSender(settings: SmsSettings, i18n: I18n): Sender {
  return {
    channel: "SMS",
    kind: "phone",
    ratePerSecond: settings.ratePerSecond,
    async send(row, reply): Promise<SendResult> {
      const conversation = row.identityId !== null && row.channel === "SMS";
      const phone = conversation ? row.platformUserId : row.phone;
      if (!phone) return { ok: false, permanent: true, reason: "no_phone" };
      const locale = conversation ? (row.locale ?? "vi") : "vi";
      const t = i18n.t(locale);
      // A conversation is always without accents: a feature phone may show nothing else, and its
      // choices are numbered for the person to answer. A notice to a phone that has no conversation
      // carries no choices (an answer could not be matched to them).
      const text = conversation
        ? smsText(t, locale, reply)
        : settings.ascii
          ? smsText(t, locale, { text: reply.text })
          : shorten(renderReply(t, locale, reply).text, MAX_LENGTH);
      return postSms(settings, phone, text, row.id);
    },
  };
}

/** One text to one phone through the gateway. */
export async function postSms(
  settings: SmsSettings,
  to: string,
  text: string,
  reference: string | undefined,
): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch(settings.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
      },
      body: JSON.stringify({
        to: internationalPhone(to),
        text,
        sender: settings.senderName,
        reference,
      }),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
    });
  } catch (err) {
    return {
      ok: false,
      permanent: false,
      reason: `network: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200),
    };
  }
  const body: unknown = await res.json().catch(() => ({}));
  if (res.ok) {
    const parsed = accepted.safeParse(body);
    return { ok: true, ...(parsed.success && parsed.data.id ? { platformMessageId: parsed.data.id } : {}) };
  }
  if (res.status === 429)
    return {
      ok: false,
      permanent: false,
      reason: "sms_rate_limited",
      pauseSender: true,
      retryAfterMs: retryAfterMs(res.headers, 5_000),
    };
  if (res.status >= 500 || res.status === 408) return { ok: false, permanent: false, reason: `sms_http_${res.status}` };
  return { ok: false, permanent: true, reason: `sms_refused_${res.status}` };
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s*\n+\s*/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}
