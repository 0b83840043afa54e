// Long messages: people write a greeting, a story, and the question somewhere inside ("Dạ chào cô,
// con là con trai bà Phượng ở thôn 4, mẹ con yếu lắm… tháng này khi nào mẹ con được nhận tiền
// ạ? Con cảm ơn"). The whole text is classified, and so is each sentence and clause; the answer is
// the most informative part: a real topic (not a hello, a thank-you or "nothing we do") with the
// best confidence, a question counting for a little more than a statement.
import { classifyIntent, type Classification, type IntentClassifier } from "./classifier.ts";
import type { IntentId } from "./intents.ts";

export interface Understood extends Classification {
  /** The part of the message the intent was read from (the whole text when it is short). */
  focus: string;
}

/** Longer than this, or more than one sentence, a message is read part by part. */
export const LONG_MESSAGE = 150;
const SMALL_TALK = new Set<IntentId>(["greeting", "thanks", "unknown"]);
/** A question mark or a question word makes a part more likely to be what the person asks. */
const QUESTION =
  /\?|\b(?:khi nao|bao gio|bao h|chung nao|bua nao|hom nao|o dau|cho nao|bao nhieu|may|the nao|sao|tai sao|vi sao|chua|khong|ko|duoc khong|co phai|lam sao|when|where|how|what|why|which|has|have|is|are|can|could|do|does|did|will)\b/;
const QUESTION_WEIGHT = 1.15;
/** A part needs a few words to say anything; single words are read with the whole. */
const MIN_PART_WORDS = 3;

export function understandMessage(text: string, classify: IntentClassifier = classifyIntent): Understood {
  const whole = classify(text);
  const parts = splitParts(text);
  if (parts.length <= 1 && text.length <= LONG_MESSAGE) return { ...whole, focus: text };
  let best: { c: Classification; part: string; score: number } | null = null;
  for (const part of parts) {
    if (part.split(/\s+/).length < MIN_PART_WORDS) continue;
    const c = classify(part);
    if (SMALL_TALK.has(c.intent)) continue;
    const score = c.confidence * (QUESTION.test(fold(part)) ? QUESTION_WEIGHT : 1);
    if (!best || score > best.score) best = { c, part, score };
  }
  // The whole text is kept when it names a topic at least as surely as its best part.
  if (!best || (!SMALL_TALK.has(whole.intent) && whole.confidence >= best.c.confidence))
    return { ...whole, focus: text };
  return { ...best.c, focus: best.part };
}

/** A classifier that reads long messages part by part, for measuring it like the bot uses it. */
export function focusing(classify: IntentClassifier): IntentClassifier {
  return (text) => understandMessage(text, classify);
}

/** Sentences, then clauses joined by words that turn to another point ("còn", "nhưng", "but"). */
export function splitParts(text: string): string[] {
  const sentences = text
    .split(/(?<=[.?!…;])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return sentences.flatMap((s) =>
    s
      .split(
        /,\s+(?=(?:còn|con|nhưng|nhung|mà|ma|nên|nen|vậy|vay|thì|thi|cho (?:tôi|toi|con|em|bác|bac) hỏi|cho hỏi|but|so|and|also|could|can|please|i want)\b)/iu,
      )
      .map((p) => p.trim())
      .filter((p) => p !== ""),
  );
}

function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
