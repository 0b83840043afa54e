// What a person sees of the bot's replies: each reply rendered in the chat's language, as one
// bubble of text with its buttons, exactly as the channels lay them out.
import { createI18n, type Locale } from "../../src/core/i18n.ts";
import { renderReply } from "../../src/core/renderReply.ts";
import type { Reply } from "../../src/core/reply.ts";

export interface Bubble {
  text: string;
  buttons: { label: string; data: string; url?: string }[];
}

const i18n = await createI18n();

export function seen(replies: Reply[], locale: Locale): Bubble[] {
  return replies.map((r) => {
    const rendered = renderReply(i18n.t(locale), locale, r);
    return { text: rendered.text, buttons: rendered.buttons.flat() };
  });
}

/** All the words of all the bubbles, for checks that do not care where a sentence sits. */
export function allText(replies: Reply[], locale: Locale): string {
  return seen(replies, locale)
    .map((b) => b.text)
    .join("\n\n");
}

export function labels(replies: Reply[], locale: Locale): string[] {
  return seen(replies, locale).flatMap((b) => b.buttons.map((x) => x.label));
}
