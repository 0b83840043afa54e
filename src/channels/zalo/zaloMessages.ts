// Lays a rendered reply out as Zalo OA consultation messages. Zalo caps a message's text and the
// number of buttons it can carry, so long texts become several messages (the buttons ride on the
// last one) and choices beyond the cap are listed, numbered, in the text instead.
import type { RenderedReply } from "../../core/renderReply.ts";
import { BUTTON_PREFIX } from "./mapZaloEvent.ts";

export interface ZaloLayoutLimits {
  /** Characters of text per message (Zalo: 2000). */
  textMaxChars: number;
  /** Buttons per message (Zalo's consultation template with buttons takes up to 5). */
  maxButtons: number;
  /** Characters of a button title (Zalo: 100). */
  buttonTitleMaxChars: number;
}

export const DEFAULT_LAYOUT_LIMITS: ZaloLayoutLimits = { textMaxChars: 2000, maxButtons: 5, buttonTitleMaxChars: 100 };

export interface ZaloButton {
  title: string;
  /** "Query, hidden": a press sends the payload back as the person's text without showing it. */
  type: "oa.query.hide";
  payload: string;
}

export interface ZaloMessage {
  text: string;
  attachment?: { type: "template"; payload: { buttons: ZaloButton[] } };
}

export function zaloMessages(reply: RenderedReply, limits: ZaloLayoutLimits = DEFAULT_LAYOUT_LIMITS): ZaloMessage[] {
  const choices = reply.buttons.flat();
  const shown = choices.slice(0, limits.maxButtons);
  const overflow = choices.slice(limits.maxButtons).map((b, i) => `${limits.maxButtons + i + 1}. ${b.label}`);
  const text = overflow.length > 0 ? `${reply.text}\n\n${overflow.join("\n")}` : reply.text;
  const chunks = splitText(text, limits.textMaxChars);
  const messages: ZaloMessage[] = chunks.map((chunk) => ({ text: chunk }));
  const last = messages[messages.length - 1];
  if (last && shown.length > 0) {
    last.attachment = {
      type: "template",
      payload: {
        buttons: shown.map((b) => ({
          title: truncate(b.label, limits.buttonTitleMaxChars),
          type: "oa.query.hide",
          payload: `${BUTTON_PREFIX}${b.data}`,
        })),
      },
    };
  }
  return messages;
}

/** Splits at paragraph breaks, then line breaks, then spaces; never inside a character. */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const head = [...rest].slice(0, max).join("");
    const cut = lastBreak(head, "\n\n") ?? lastBreak(head, "\n") ?? lastBreak(head, " ") ?? head.length;
    chunks.push(head.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

function lastBreak(s: string, sep: string): number | undefined {
  const i = s.lastIndexOf(sep);
  // A break in the first quarter would leave a tiny message; cut harder instead.
  return i > s.length / 4 ? i : undefined;
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}
