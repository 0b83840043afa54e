// Turns what people type into comparable words: NFC, lower case, no punctuation or emoji, stretched
// letters shortened ("đâuuuu"), chat abbreviations and regional words rewritten (see rewrites.ts),
// and Telex/VNI leftovers repaired ("tieenf" → "tiền") when the keyboard did not convert them.
import { foldVietnamese as foldText } from "../lib/text.ts";
import { EMOJI_WORDS, REWRITE_PASSES, type Rewrite } from "./rewrites.ts";
import { knownWords } from "./vocabulary.ts";

export interface Normalised {
  /** Cleaned text with diacritics kept where the person typed them. */
  text: string;
  /** The same words without diacritics: what matching and features use. */
  folded: string;
  /** Folded words; "#" stands for any number. */
  tokens: string[];
  hasDiacritics: boolean;
}

export const NUMBER_TOKEN = "#";

// Words are prepared and folded one at a time, and the same few thousand words come back all
// the time: remember the answers (a bounded cache, emptied when full).
const MAX_CACHED_WORDS = 20_000;

function cached<T>(compute: (word: string) => T): (word: string) => T {
  const cache = new Map<string, T>();
  return (word) => {
    let value = cache.get(word);
    if (value === undefined) {
      value = compute(word);
      if (cache.size >= MAX_CACHED_WORDS) cache.clear();
      cache.set(word, value);
    }
    return value;
  };
}

const foldVietnamese = cached(foldText);

/** One typed word → the word(s) it stands for, before the context-dependent rewrites. */
const prepareWord = cached((raw: string): readonly string[] => splitWord(unstretch(raw)).map(repair));

export function normaliseVietnamese(input: string): Normalised {
  let lower = input.normalize("NFC").toLowerCase();
  for (const [emoji, word] of EMOJI_WORDS) lower = lower.replaceAll(emoji, ` ${word} `);
  const hasDiacritics = /[\u0300-\u036f]/.test(lower.normalize("NFD")) || lower.includes("đ");
  const cleaned = lower.replace(/[^\p{L}\p{M}\p{N}]+/gu, " ");
  let words: string[] = [];
  for (const raw of cleaned.split(" ")) {
    if (raw !== "") words.push(...prepareWord(raw));
  }
  for (const rules of INDEXED_PASSES) words = applyRewrites(words, rules);
  const text = words.join(" ");
  const tokens = words.flatMap((w) => foldVietnamese(w).split(" ")).filter((w) => w !== "");
  return { text, folded: tokens.join(" "), tokens, hasDiacritics };
}

/**
 * Three or more of the same letter is emphasis ("đâuuuu"); two may be Telex and is handled later.
 * Abbreviations ("cccd") and laughter ("kkkk", not "k" = "không") keep their letters.
 */
function unstretch(word: string): string {
  if (REWRITE_SOURCES.has(word) || /^(\p{L})\1*$/u.test(word)) return word;
  return word.replace(/(\p{L})\1{2,}/gu, "$1");
}

/** "9h" → "#", "h"; "500k" → "#", "k"; VNI typing "tie6n2" → "tien". */
function splitWord(word: string): string[] {
  if (/^\p{N}+$/u.test(word)) return [NUMBER_TOKEN];
  if (!/\p{N}/u.test(word)) return [word];
  if (/^\p{L}/u.test(word)) {
    const vni = word.replace(/\p{N}/gu, "");
    if (knownWords.has(foldVietnamese(vni))) return [vni];
  }
  return (word.match(/\p{N}+|[^\p{N}]+/gu) ?? []).map((part) => (/^\p{N}/u.test(part) ? NUMBER_TOKEN : part));
}

const VOWEL = /[aeiouy]/;

/** Candidate spellings for a word we do not know, tried in order; the first known one wins. */
function repairCandidates(folded: string): string[] {
  const candidates = [folded.replace(/(.)\1+/g, "$1")];
  const firstVowel = folded.search(VOWEL);
  if (firstVowel >= 0) {
    // Telex: a tone key (s f r x j) can never be a final consonant, so after the first vowel it is a leftover mark.
    const toneless = folded.slice(0, firstVowel) + folded.slice(firstVowel).replace(/[sfrxj]/g, "");
    candidates.push(toneless.replace(/aa|aw|ee|oo|ow|uw|dd/g, (m) => m.charAt(0)).replace(/w/g, "u"));
  }
  for (const [from, to] of LEADING_SOUNDS) if (folded.startsWith(from)) candidates.push(to + folded.slice(from.length));
  return candidates;
}

// Teen spellings of initial sounds: "wa" → "qua", "fải" → "phải", "jờ" → "giờ", "zậy" → "vậy".
const LEADING_SOUNDS: readonly [string, string][] = [
  ["w", "qu"],
  ["f", "ph"],
  ["j", "gi"],
  ["dz", "d"],
  ["dz", "v"],
  ["z", "d"],
  ["z", "v"],
  ["z", "gi"],
];

function repair(word: string): string {
  if (word === NUMBER_TOKEN || REWRITE_SOURCES.has(word)) return word;
  const folded = foldVietnamese(word);
  if (knownWords.has(folded) || folded.length < 2) return word;
  for (const candidate of repairCandidates(folded)) if (knownWords.has(candidate)) return candidate;
  // Missing space: "tienthang" → "tien thang", when both halves are words we know.
  for (let i = 2; i <= folded.length - 2; i++) {
    const left = folded.slice(0, i);
    const right = folded.slice(i);
    if (knownWords.has(left) && knownWords.has(right)) return `${left} ${right}`;
  }
  return word;
}

const REWRITE_SOURCES = new Set(REWRITE_PASSES.flatMap((pass) => pass.flatMap((r) => r.from)));

function indexRules(pass: readonly Rewrite[]): Map<string, Rewrite[]> {
  const byWord = new Map<string, Rewrite[]>();
  for (const rule of pass) {
    for (const from of rule.from) byWord.set(from, [...(byWord.get(from) ?? []), rule]);
  }
  return byWord;
}

const INDEXED_PASSES = REWRITE_PASSES.map(indexRules);

function applyRewrites(words: string[], rules: Map<string, Rewrite[]>): string[] {
  const out: string[] = [];
  words.forEach((word, i) => {
    const previous = foldVietnamese(out.at(-1)?.split(" ").at(-1) ?? "");
    const next = foldVietnamese(words[i + 1]?.split(" ")[0] ?? "");
    const rule = rules.get(word)?.find((r) => applies(r, previous, next, i === words.length - 1));
    out.push(rule ? rule.to : word);
  });
  return out;
}

function applies(rule: Rewrite, previous: string, next: string, isLast: boolean): boolean {
  if (rule.after && !rule.after.includes(previous)) return false;
  if (rule.notAfter?.includes(previous)) return false;
  if (rule.notBefore?.includes(next)) return false;
  if (rule.last && !isLast) return false;
  return true;
}
