// Lays a rendered reply out as Zalo OA v3 consultation ("cs") text. The v3 cs text message is
// `text` (at most 2000 characters) plus `quote_message_id`; buttons on it are not supported (the
// official PHP SDK deprecates withButton: "does not support for Official Account API V3", and its
// v3 text message carries no attachment). So every choice becomes a short numbered line the
// person answers by typing the number (numberedChoice.ts turns it back into the choice), under one
// line saying so. Each message costs one of Zalo's 8 free replies, so a reply is one message
// unless its text is longer than Zalo takes.
import type { RenderedReply } from "../../core/renderReply.ts";

export interface ZaloLayoutLimits {
  /** Characters of text per message (Zalo: 2000). */
  textMaxChars: number;
  /** Characters of one choice's label in the list; longer ones are shortened. */
  choiceMaxChars: number;
}

export const DEFAULT_LAYOUT_LIMITS: ZaloLayoutLimits = { textMaxChars: 2000, choiceMaxChars: 100 };

/** The messages for one reply; `chooseLine` introduces the numbered choices ("Bác gõ số để chọn:"). */
export function zaloTexts(
  reply: RenderedReply,
  chooseLine: string,
  limits: ZaloLayoutLimits = DEFAULT_LAYOUT_LIMITS,
): string[] {
  const choices = reply.buttons.flat();
  const list = choices.map((b, i) => `${i + 1}. ${truncate(b.label, limits.choiceMaxChars)}`);
  const text = list.length > 0 ? `${reply.text}\n\n${chooseLine}\n${list.join("\n")}` : reply.text;
  return splitText(text, limits.textMaxChars);
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

export function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}
