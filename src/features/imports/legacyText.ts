// Many commune lists were typed years ago in the TCVN3 (ABC) code with a ".VnTime" font: the file
// holds Latin-1 characters that only that font draws as Vietnamese ("NguyÔn V¨n An", "Hä vµ tªn").
// Opened without the font, and read by a program, they are gibberish; officers still keep such
// files. A text is read as TCVN3 when it holds characters that code uses and Vietnamese written in
// Unicode never does, and nothing beyond Latin-1 (a Unicode Vietnamese text always has some).
// Table: TCVN 5712:1993 (VN3), the code of the ".Vn" fonts. Lists from the south are often typed
// in the VNI code of the "VNI-Times" fonts instead, where a toned letter is two characters ("Hoï
// vaø teân", "Nguyeãn Vaên An"); a file whose texts show that code is read as VNI throughout.

const UNICODE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
const TCVN3 = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦";

const TO_UNICODE = new Map([...TCVN3].map((ch, i) => [ch, [...UNICODE][i]!]));

// TCVN3 characters that are no Vietnamese letter in Unicode (à, á, â, ã, è, é, ê, ì, í, ò, ó, ô,
// õ, ù, ú, ý are both, so they alone prove nothing).
const MARKER =
  /[\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be\u00c6\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe]/;
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

function isTcvn3(text: string): boolean {
  return MARKER.test(text) && !BEYOND_LATIN1.test(text);
}

// TCVN3 alone uses 0xA1–0xBE (ă â đ ê ô ơ ư and the tones of a); VNI never does.
const TCVN3_ONLY = /[\u00a1-\u00ae\u00b5-\u00be]/;
// VNI alone puts a hat after a, e, o ("aâ" â, "eâ" ê, "oâ" ô, "aê" ă) or a grave or dot mark (ø, ï)
// after a vowel; neither Unicode Vietnamese nor TCVN3 writes these pairs.
const VNI_ONLY = /[aeoAEO][âÂ]|[aA][êÊ]|[aeiouyôöAEIOUYÔÖ][øïØÏ]/;

// VNI (VNI-Windows, the "VNI-Times" fonts): each vowel and its marks, sắc huyền hỏi ngã nặng.
const VNI_VOWELS: [string, string, string][] = [
  // [Unicode letters: plain then the five tones, VNI base, VNI marks in the same order]
  ["aáàảãạ", "a", "ùøûõï"],
  ["âấầẩẫậ", "a", "âáàåãä"],
  ["ăắằẳẵặ", "a", "êéèúüë"],
  ["eéèẻẽẹ", "e", "ùøûõï"],
  ["êếềểễệ", "e", "âáàåãä"],
  ["oóòỏõọ", "o", "ùøûõï"],
  ["ôốồổỗộ", "o", "âáàåãä"],
  ["ơớờởỡợ", "ô", "ùøûõï"],
  ["uúùủũụ", "u", "ùøûõï"],
  ["ưứừửữự", "ö", "ùøûõï"],
  ["yýỳỷỹ", "y", "ùøûõ"],
];
// Letters VNI writes as one character: ơ ư as ô ö (above), i with its tones, ỵ, đ.
const VNI_SINGLE: [string, string][] = [
  ["í", "í"],
  ["ì", "ì"],
  ["ỉ", "æ"],
  ["ĩ", "ó"],
  ["ị", "ò"],
  ["ỵ", "î"],
  ["đ", "ñ"],
  ["ơ", "ô"],
  ["ư", "ö"],
];
const FROM_VNI = (() => {
  const map = new Map<string, string>();
  const add = (vni: string, letter: string) => {
    map.set(vni, letter);
    map.set(vni.toUpperCase(), letter.toUpperCase());
  };
  for (const [letters, base, marks] of VNI_VOWELS) {
    const all = [...letters];
    const plainMarks = [...marks];
    // A hat or a breve alone ("aâ", "aê") is the first of the marks' row minus the tone.
    if (plainMarks.length === 6) add(base + plainMarks[0], all[0]!);
    const tones = plainMarks.length === 6 ? plainMarks.slice(1) : plainMarks;
    tones.forEach((mark, i) => add(base + mark, all[i + 1]!));
  }
  for (const [letter, vni] of VNI_SINGLE) add(vni, letter);
  return map;
})();

function fromVni(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const pair = FROM_VNI.get(text.slice(i, i + 2));
    if (pair) {
      out += pair;
      i++;
    } else out += FROM_VNI.get(text[i]!) ?? text[i];
  }
  return out.normalize("NFC");
}

/**
 * How to read the texts of one file, decided from its texts: a file most of whose Vietnamese texts
 * show VNI's pairs is read as VNI throughout; one most of whose texts are TCVN3 is read as TCVN3
 * throughout (a short "Sè CCCD" has no telltale character of its own); in both, texts that can only
 * be Unicode stay as they are. Otherwise only the texts that show TCVN3 are converted.
 */
export function textReader(samples: Iterable<string>): (text: string) => string {
  let legacy = 0;
  let vni = 0;
  let unicode = 0;
  for (const s of samples) {
    if (BEYOND_LATIN1.test(s)) unicode++;
    else if (TCVN3_ONLY.test(s)) legacy++;
    else if (VNI_ONLY.test(s)) vni++;
    else if (MARKER.test(s)) legacy++;
  }
  if (vni > legacy && vni > unicode)
    return (text) => (BEYOND_LATIN1.test(text) ? text.normalize("NFC") : fromVni(text));
  const throughout = legacy > unicode;
  return (text) => (throughout && !BEYOND_LATIN1.test(text) ? fromTcvn3(text) : unicodeText(text));
}

/**
 * A cell's text in Unicode: TCVN3 text converted, anything else as it is (NFC). The code has no
 * capital letters with a tone mark: a title or name in capitals was typed with the ".VnTimeH" font,
 * which draws the small ones as capitals, so such a text is given in capitals ("NGUYÔN V¡N AN" →
 * "NGUYỄN VĂN AN").
 */
export function unicodeText(text: string): string {
  return isTcvn3(text) ? fromTcvn3(text) : text.normalize("NFC");
}

function fromTcvn3(text: string): string {
  let out = "";
  for (const ch of text) out += TO_UNICODE.get(ch) ?? ch;
  return typedInCapitals(text) ? out.toUpperCase() : out;
}

/**
 * No small plain letter, and a word where a coded letter stands with capitals after the word's
 * first letter ("NGUYÔN", "S¸CH"): capitals. "Sè CCCD" is "Số CCCD", a capital starting a word.
 */
function typedInCapitals(text: string): boolean {
  if (/[a-z]/.test(text)) return false;
  return text.split(/\s+/).some((word) => /[\u0080-\uffff]/.test(word) && /.[A-Z]/.test(word));
}

/**
 * Bytes of a file that is not UTF-8: TCVN3 or VNI, to be read as the Windows-1252 characters their
 * fonts draw, or Windows-1258 (the ANSI code of a Vietnamese Windows)? VNI shows by its pairs,
 * which Windows-1258 text never has (see `VNI_ONLY`).
 */
export function legacyCodedBytes(data: Uint8Array): boolean {
  if (looksTcvn3Bytes(data)) return true;
  const head = new TextDecoder("windows-1252").decode(data.subarray(0, 256 * 1024));
  return VNI_ONLY.test(head);
}

/**
 * TCVN3 writes ă â đ ê ô ơ ư and the tones of a in 0xA1–0xBE, where Windows-1258 has
 * symbols (µ ¶ · ¸ ® …) no list uses; Windows-1258 writes most tones as separate marks elsewhere.
 * At least a fifth of the high bytes there is TCVN3.
 */
function looksTcvn3Bytes(data: Uint8Array): boolean {
  let high = 0;
  let legacy = 0;
  const end = Math.min(data.length, 256 * 1024);
  for (let i = 0; i < end; i++) {
    const b = data[i]!;
    if (b < 0x80) continue;
    high++;
    if ((b >= 0xa1 && b <= 0xae) || (b >= 0xb5 && b <= 0xb9) || (b >= 0xbb && b <= 0xbe)) legacy++;
  }
  return legacy > 0 && legacy * 5 >= high;
}
