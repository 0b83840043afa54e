// How a link code looks and how what a person typed is read back. Codes are printed for older
// people who copy them by hand, often on a phone whose Vietnamese keyboard rewrites letters as
// they type, so reading is forgiving while the codes themselves stay short and unambiguous.
import { randomInt } from "node:crypto";

/** No I, O, 0 or 1: they are read and typed as one another. 32 symbols, 8 of them: 40 bits. */
export const LINK_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const LINK_CODE_LENGTH = 8;

const STORED = new RegExp(`^[${LINK_CODE_ALPHABET}]{${LINK_CODE_LENGTH}}$`);

/** A fresh code in its stored form, "ABCDEFGH", from the operating system's secure random source. */
export function generateLinkCode(): string {
  let code = "";
  for (let i = 0; i < LINK_CODE_LENGTH; i++) code += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  return code;
}

/** "ABCDEFGH" → "ABCD-EFGH": two groups of four are easier to copy than eight letters. */
export function displayLinkCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function isStoredLinkCode(value: string): boolean {
  return STORED.test(value);
}

// Spaces, dashes of every kind, dots, underscores and quotes people copy around the code.
const SEPARATORS = /[\s\u00a0\-\u2010-\u2015_.·'"‘’“”«»]/g;

// Vietnamese keyboards turn letter sequences into accented letters while typing: Telex turns
// "AS" into "Á" and "DD" into "Đ"; VNI turns "A2" into "À" and "D9" into "Đ". A code such as
// "KAS2-..." then arrives as "KÁ2-...". Each accent is undone both ways; only spellings that form
// a well-shaped code are looked up.
const TONES: Record<string, { telex: string; vni: string }> = {
  "\u0301": { telex: "S", vni: "1" }, // sắc
  "\u0300": { telex: "F", vni: "2" }, // huyền
  "\u0309": { telex: "R", vni: "3" }, // hỏi
  "\u0303": { telex: "X", vni: "4" }, // ngã
  "\u0323": { telex: "J", vni: "5" }, // nặng
};
const SHAPES: Record<string, { telex: (base: string) => string[]; vni: string }> = {
  "\u0302": { telex: (base) => [base + base], vni: "6" }, // â ê ô: AA EE OO
  "\u0306": { telex: (base) => [`${base}W`], vni: "8" }, // ă: AW
  // ơ ư: OW UW; most Telex keyboards also make "Ư" from a lone "W".
  "\u031b": { telex: (base) => (base === "U" ? ["UW", "W"] : [`${base}W`]), vni: "7" },
};

/**
 * Every stored-form code the input could stand for: upper-cased, separators removed, keyboard
 * accents undone. Empty when nothing typed can be a code (letters I and O, digits 0 and 1, the
 * wrong length): those are never printed, so guessing what was meant would only invite mistakes.
 */
export function linkCodeCandidates(raw: string): string[] {
  // Full-width letters (some Asian keyboards) become plain ones; accents are recombined first so
  // that upper-casing keeps them.
  const text = raw.normalize("NFKC").toUpperCase().replace(SEPARATORS, "");
  if (text.length === 0 || text.length > LINK_CODE_LENGTH * 3) return [];
  let partial = [""];
  for (const ch of text) {
    const spellings = spellingsOf(ch);
    const next = new Set<string>();
    for (const p of partial) {
      for (const s of spellings) if (p.length + s.length <= LINK_CODE_LENGTH) next.add(p + s);
    }
    partial = [...next];
    if (partial.length === 0) return [];
  }
  return partial.filter(isStoredLinkCode);
}

/** The key sequences that produce one typed character. */
function spellingsOf(ch: string): string[] {
  if (ch === "Đ") return ["DD", "D9"];
  const [base = "", ...marks] = ch.normalize("NFD");
  if (marks.length === 0) return [ch];
  let telex = [base];
  let vni = base;
  let tone: { telex: string; vni: string } | undefined;
  for (const mark of marks) {
    const shape = SHAPES[mark];
    if (shape) {
      telex = telex.flatMap((t) => shape.telex(t));
      vni += shape.vni;
      continue;
    }
    tone = TONES[mark];
    if (!tone) return [];
  }
  if (tone) {
    const t = tone;
    telex = telex.map((s) => s + t.telex);
    vni += t.vni;
  }
  return [...telex, vni];
}
