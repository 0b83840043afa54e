// Messages that always need a person, whatever else the bot answers: a report that someone asked
// for an OTP, password or card, or took the money (suspected fraud), and a complaint about the
// service. A question like "có phải lừa đảo không?" is answered with the general warning only;
// something that already happened goes to an agent at once. Read on the normalised words, so it
// works with or without diacritics and with chat abbreviations ("ng ta xin mk").
import { classifyIntent, CONFIDENT, type Classification } from "../../nlu/classifier.ts";
import type { IntentId } from "../../nlu/intents.ts";
import { normaliseVietnamese } from "../../nlu/normalise.ts";
import { foldVietnamese } from "../../lib/text.ts";

export type ReportedTopic = "fraud" | "complaint";

/** What must never be handed over: the commune and the hotline never ask for any of it. */
const SECRET = String.raw`(?:otp|ma xac nhan|ma xac thuc|ma bao mat|ma pin|pin|mat khau|mat ma|so the|the ngan hang|the atm|password|passcode|card|cvv)`;
/** Someone other than the person: the one who asked or took. */
const ACTOR = String.raw`\b(?:co nguoi|nguoi ta|nguoi la|ai do|co ai|ke gian|ke la|mot nguoi|mot ong|mot ba|nhan vien|ho (?:xin|hoi|doi|bat|goi|lay|nhan|rut)|goi dien|goi cho toi|nhan tin cho toi|someone|somebody|a stranger|stranger|they|he|she|a man|a woman|caller|scammer)\b`;
/** Asked for it: "xin mã OTP", "hỏi mật khẩu", "bắt đọc mã xác nhận", "asked me for my PIN". */
const ASKED_FOR_SECRET = new RegExp(
  String.raw`\b(?:xin|hoi|doi|bat|yeu cau|lay|asked|asking|wanted|demanded|requested)\b(?: \S+){0,3} ${SECRET}\b`,
);
/** Was asked for it: "bị hỏi mật khẩu", "I was asked for my OTP". */
const WAS_ASKED = new RegExp(
  String.raw`\b(?:bi (?:xin|hoi|doi|bat)|was asked|were asked|been asked)\b(?: \S+){0,3} ${SECRET}\b`,
);
/** Handed it over: "tôi lỡ đưa mã OTP", "đọc mã OTP cho họ rồi", "I gave them my password". */
const GAVE_SECRET = new RegExp(
  String.raw`\b(?:da|lo|vua)\b(?: \S+){0,2} (?:dua|doc|gui|nhap|cung cap|bam|cho)\b(?: \S+){0,3} ${SECRET}\b`,
);
const GAVE_SECRET_TO = new RegExp(
  String.raw`\b(?:dua|doc|gui|cung cap|cho)\b(?: \S+){0,3} ${SECRET}\b.* cho (?:ho|nguoi ta|nguoi la|ke|no|anh ta|chi ta|ong ta|ba ta)\b`,
);
const GAVE_SECRET_EN = new RegExp(String.raw`\b(?:gave|told|sent|shared|read out)\b(?: \S+){0,3} ${SECRET}\b`);
/** The money is gone: "bị lừa", "bị lấy mất tiền", "rút hết tiền", "I was scammed". */
const MONEY_TAKEN = new RegExp(
  String.raw`\b(?:bi (?:lua|lay|rut|chiem|cuop|trom|an cap|gat|mat tien|mat het)|(?:lua|lay|rut|cuop|trom|chiem|lanh|nhan) (?:mat|het)|scammed|defrauded|cheated|stole|stolen|robbed)\b`,
);
/** Someone else collected it: "có người nhận tiền thay mẹ tôi", "someone collected my allowance". */
const COLLECTED_BY_OTHER = new RegExp(
  String.raw`\b(?:(?:nhan|lanh|lay|rut)(?: \S+){0,2} (?:tien|tro cap|thay|ho)|(?:took|taken|collected|withdrew|withdrawn|received|claimed)(?: \S+){0,3} (?:money|allowance|payment|benefit|pension))\b`,
);
/** "…được không?", "…thế nào?": asking whether something is allowed, not telling what happened. */
const ASKING_IF_ALLOWED = /\b(?:duoc khong|co duoc|the nao|lam sao de|can i|could|may i|is it ok)\b/;
const HYPOTHETICAL = /\b(?:neu|gia su|lo nhu|if|in case|what if)\b/;
const HAPPENED = /\b(?:da|roi|vua|hom qua|did|was|were|yesterday|just)\b/;

const COMPLAINT = new RegExp(
  String.raw`\b(?:khieu nai|phan anh|to cao|khong hai long|chua hai long|buc xuc|lam sai|complain|complains|complained|complaining|complaint|complaints|dissatisfied|unhappy|not satisfied|not happy)\b`,
);

/** Intents a fraud report is read from; a confident other topic ("nhờ con nhận thay") is left alone. */
const FRAUD_INTENTS = new Set<IntentId>(["scam_check", "payout_missing", "talk_to_human", "unknown"]);

/**
 * The words twice: as the classifier sees them (abbreviations written out, "mk" → "mat khau"), and
 * only folded, for English, which the Vietnamese spelling repair can split ("gave" → "ga ve").
 */
function words(text: string): string {
  const plain = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return `${normaliseVietnamese(text).tokens.join(" ")} | ${plain}`;
}

/** The person tells that a scam reached them: something was asked for, handed over, or taken. */
export function reportsFraud(text: string): boolean {
  const s = words(text);
  if (HYPOTHETICAL.test(s) && !HAPPENED.test(s)) return false;
  const actor = new RegExp(ACTOR).test(s);
  if (actor && ASKED_FOR_SECRET.test(s)) return true;
  if ([WAS_ASKED, GAVE_SECRET, GAVE_SECRET_TO, GAVE_SECRET_EN, MONEY_TAKEN].some((r) => r.test(s))) return true;
  return actor && COLLECTED_BY_OTHER.test(s) && !ASKING_IF_ALLOWED.test(s);
}

/** A complaint about the service or an officer: "khiếu nại", "phản ánh", "tố cáo", "làm sai". */
export function isComplaint(text: string): boolean {
  return COMPLAINT.test(words(text));
}

/** The ticket a message opens by itself, if any: suspected fraud first, then a complaint. */
export function reportedTopic(
  text: string,
  c: Pick<Classification, "intent" | "confidence"> = classifyIntent(text),
): ReportedTopic | null {
  const confident = c.intent !== "unknown" && c.confidence >= CONFIDENT;
  if ((!confident || FRAUD_INTENTS.has(c.intent)) && reportsFraud(text)) return "fraud";
  if (isComplaint(text)) return "complaint";
  return null;
}

/**
 * While a ticket is open, free text goes into it; these messages are answered as well, and may
 * make the ticket more urgent: a fraud report, a complaint, missing money, a death.
 */
export function escalatesByItself(text: string): boolean {
  const c = classifyIntent(text);
  if (reportedTopic(text, c)) return true;
  return c.confidence >= CONFIDENT && (c.intent === "payout_missing" || c.intent === "report_death");
}
