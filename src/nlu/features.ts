// What the classifier looks at: folded words and word pairs. Everything is without diacritics so
// a message typed without them reads the same as one typed with them. (Letter n-grams were tried:
// with the typo repair in normalise.ts they added nothing in cross-validation and tripled the
// training time.)
import { NUMBER_TOKEN, type Normalised } from "./normalise.ts";

export type FeatureVector = Map<string, number>;

export function features(n: Normalised): FeatureVector {
  const v: FeatureVector = new Map();
  const add = (key: string, weight: number) => v.set(key, (v.get(key) ?? 0) + weight);
  const words = n.tokens;
  words.forEach((w, i) => {
    add(`w:${w}`, 1);
    add(`b:${words[i - 1] ?? "^"}_${w}`, 1);
  });
  if (words.length > 0) add(`b:${words.at(-1)}_$`, 1);
  // Very short messages ("ok", "alo", "chào") behave differently from questions.
  add(`len:${Math.min(words.length, 6)}`, 0.5);
  // Off-topic messages are mostly words the bot has no business with: say so explicitly, since
  // the model cannot weigh words it never saw.
  if (!words.some((w) => TOPIC_WORDS.has(w))) add("topic:none", 1);
  if (words.includes(NUMBER_TOKEN)) add("has:number", 0.5);
  return unitLength(v);
}

// Long and short messages should weigh the same: scale every message to length one.
function unitLength(v: FeatureVector): FeatureVector {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

// Words that only come up when talking to this bot: payouts, benefits, papers, the commune, and
// the small talk of a conversation (greetings, thanks).
const TOPIC_WORDS = new Set(
  `tien tro cap nhan linh lanh phat khoan ngan hang uy quyen qua doi mai tang khai tu can cuoc giay otp lua
  dao xa can bo tong dai khieu nai dang ky lien ket huong che bhyt bao luong thuong binh liet si tuat cong
  khuyet tat mo coi dia sinh khau buu danh sach dot quyet dinh ho so chao alo cam on ok vang hieu tam biet
  hello hi thanks bye tks`.split(/\s+/),
);
