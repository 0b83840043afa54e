// One reply as one SMS text for a feature phone. Every phone shows GSM-7 (the basic SMS alphabet),
// and an SMS in it holds 160 characters, or 153 per part when parts are joined; anything outside it
// (one Vietnamese accent is enough) turns the whole message into UCS-2 at 70 characters a part. So
// the text is written without accents (đ → d) and within GSM-7, and at most three parts long: a
// longer answer is paid for three times over and most feature phones show it badly.
//
// When the reply does not fit, what goes first is what matters least: a paragraph that carries no
// figure (tips, reassurance) before the choices, the choices (from the last) before a paragraph
// with a figure (an amount, a date, a time, a place's number), and the first paragraph, which says
// what the answer is, last of all, and then it is cut at a word, never inside one.
// Choices are numbered in the reply's own order: the person answers with the number, which the SMS
// channel turns back into the choice (numberedChoice.ts), so a choice dropped from the end changes
// no other choice's number.
import type { TFunction } from "i18next";
import { renderText } from "../../core/renderReply.ts";
import type { Reply } from "../../core/reply.ts";
import { stripDiacritics } from "../../lib/text.ts";

export const SMS_SINGLE = 160;
export const SMS_PART = 153;
export const SMS_MAX_PARTS = 3;
const MAX = SMS_PART * SMS_MAX_PARTS;

// The GSM-7 default alphabet (3GPP TS 23.038), and the extension table whose characters take two.
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENSION = new Set("^{}\\[~]|€");
const LOOKALIKES: Record<string, string> = {
  "“": '"',
  "”": '"',
  "„": '"',
  "‘": "'",
  "’": "'",
  "…": "...",
  "–": "-",
  "—": "-",
  "•": "-",
  "·": ".",
  "×": "x",
  "\u00a0": " ",
  "\t": " ",
};

/** The text in GSM-7 without accents: look-alikes replaced, anything else (emoji) left out. */
export function toGsm(text: string): string {
  let out = "";
  for (const ch of stripDiacritics(text)) {
    if (GSM_BASIC.has(ch) || GSM_EXTENSION.has(ch)) out += ch;
    else if (ch in LOOKALIKES) out += LOOKALIKES[ch];
  }
  return out;
}

/** Length in GSM-7 septets: an extension character takes two. */
export function gsmLength(text: string): number {
  let n = 0;
  for (const ch of text) n += GSM_EXTENSION.has(ch) ? 2 : 1;
  return n;
}

/** How many SMS parts a GSM-7 text takes. */
export function smsParts(text: string): number {
  const n = gsmLength(text);
  return n <= SMS_SINGLE ? 1 : Math.ceil(n / SMS_PART);
}

const flat = (text: string) =>
  toGsm(text)
    .replace(/[ \r\n]+/g, " ")
    .trim();

export function smsText(t: TFunction, locale: string, reply: Reply): string {
  const paragraphs = reply.text.map((p) => flat(renderText(t, locale, p))).filter((p) => p.length > 0);
  const choices = (reply.buttons ?? []).flat().map((b, i) => `${i + 1}. ${flat(renderText(t, locale, b.label))}`);
  const intro = choices.length > 0 ? flat(t("channels:sms.chooseByNumber")) : "";
  const compose = (ps: string[], cs: string[]) => [...ps, ...(cs.length > 0 ? [intro, ...cs] : [])].join("\n");

  let kept = paragraphs.map((_, i) => i);
  let shown = choices.length;
  const text = () =>
    compose(
      kept.map((i) => paragraphs[i]!),
      choices.slice(0, shown),
    );
  const fits = () => gsmLength(text()) <= MAX;
  const hasFigure = (i: number) => /\d/.test(paragraphs[i]!);

  // 1. paragraphs without a figure, from the last (the first always stays);
  for (let i = paragraphs.length - 1; i > 0 && !fits(); i--) if (!hasFigure(i)) kept = kept.filter((k) => k !== i);
  // 2. choices, from the last;
  while (shown > 0 && !fits()) shown--;
  // 3. paragraphs with a figure, from the last;
  for (let i = paragraphs.length - 1; i > 0 && !fits(); i--) kept = kept.filter((k) => k !== i);
  if (fits()) return text();
  // 4. the first paragraph alone, cut at a word.
  return cutAtWord(paragraphs[0] ?? "", MAX);
}

/** The longest start of the text that ends at a word and fits with "..." after it. */
export function cutAtWord(text: string, max: number): string {
  if (gsmLength(text) <= max) return text;
  let end = 0;
  let used = 0;
  const room = max - 3;
  for (let i = 0; i < text.length; i++) {
    used += GSM_EXTENSION.has(text[i]!) ? 2 : 1;
    if (used > room) break;
    if (text[i + 1] === " " || i + 1 === text.length) end = i + 1;
  }
  return `${text.slice(0, end).replace(/[ ,;:.-]+$/, "")}...`;
}
