// The short words a feature phone sends instead of pressing a button, one line each: the word (and
// the other spellings people send for it), the chat button it stands for, and the label that button
// has in the chat (the SMS help lists it). A keyword is turned into that button press before the
// engine sees it, so it opens exactly what the button opens in every other channel: no flow is
// written twice. Words are compared without accents, case and spaces ("Số tiền" is SOTIEN).
import { say, type Reply } from "../../core/reply.ts";
import { BUTTON } from "./commands.ts";
import { NOT_RECEIVED_LATEST } from "./flows/notReceived/index.ts";

export interface SmsKeyword {
  /** What the help shows first, then other accepted spellings. */
  words: readonly [string, ...string[]];
  /** The button data it stands for (commands.ts). */
  button: string;
  /** The chat button's label: what the keyword does, in the help. */
  label: string;
}

export const SMS_KEYWORDS: readonly SmsKeyword[] = [
  { words: ["TIEN", "KHINAO"], button: BUTTON.nextPayout, label: "chat:button.nextPayout" },
  { words: ["SOTIEN", "BAONHIEU"], button: BUTTON.amount, label: "chat:button.amount" },
  { words: ["NGUOI", "GAPNGUOI"], button: BUTTON.hotline, label: "chat:button.talk" },
  // "Chưa nhận": the money was recorded as paid to a relative, and the person did not get it.
  { words: ["CHUANHAN", "KHONGNHAN"], button: NOT_RECEIVED_LATEST, label: "notices:button.notReceived" },
  // HUY is how Vietnamese carriers and brand-name SMS ask to stop; here it stops notices.
  { words: ["HUY", "STOP", "TUCHOI"], button: BUTTON.notificationsOff, label: "notices:button.off" },
  { words: ["DK", "BATLAI", "START"], button: BUTTON.notificationsOn, label: "notices:button.on" },
  { words: ["HD", "?", "TROGIUP", "HELP"], button: BUTTON.help, label: "chat:button.help" },
];

/** "Số tiền!" → "SOTIEN": how a message is compared with the keywords. */
export function keywordForm(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "?") return "?";
  return trimmed
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "D")
    .toUpperCase()
    .replace(/[\s.!,;:…?]+/g, "");
}

/** The keyword a whole message is, or null. */
export function smsKeyword(text: string): SmsKeyword | null {
  const form = keywordForm(text);
  if (form.length === 0 || form.length > 12) return null;
  return SMS_KEYWORDS.find((k) => k.words.includes(form)) ?? null;
}

/** The answer to HD on SMS: every keyword with what it does, from the table above. */
export function smsHelp(): Reply {
  return {
    text: [
      say("channels:sms.help.intro"),
      ...SMS_KEYWORDS.map((k) => say("channels:sms.help.line", { word: k.words[0], what: { key: k.label } })),
    ],
  };
}
