// Many commune lists were typed years ago in the TCVN3 (ABC) code with a ".VnTime" font: the file
// holds Latin-1 characters that only that font draws as Vietnamese ("NguyÔn V¨n An", "Hä vµ tªn").
// Opened without the font, and read by a program, they are gibberish; officers still keep such
// files. A text is read as TCVN3 when it holds characters that code uses and Vietnamese written in
// Unicode never does, and nothing beyond Latin-1 (a Unicode Vietnamese text always has some).
// Table: TCVN 5712:1993 (VN3), the code of the ".Vn" fonts.

const UNICODE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
const TCVN3 = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦";

const TO_UNICODE = new Map([...TCVN3].map((ch, i) => [ch, [...UNICODE][i]!]));

// TCVN3 characters that are no Vietnamese letter in Unicode (à, á, â, ã, è, é, ê, ì, í, ò, ó, ô,
// õ, ù, ú, ý are both, so they alone prove nothing).
const MARKER =
  /[\u00a1-\u00ae\u00b5-\u00b9\u00bb-\u00be\u00c6\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe]/;
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

export function isTcvn3(text: string): boolean {
  return MARKER.test(text) && !BEYOND_LATIN1.test(text);
}

/**
 * How to read the texts of one file, decided from its texts: a file most of whose Vietnamese texts
 * are TCVN3 is read as TCVN3 throughout (a short "Sè CCCD" has no telltale character of its own),
 * except for the texts that can only be Unicode; otherwise only the texts that show it are.
 */
export function textReader(samples: Iterable<string>): (text: string) => string {
  let legacy = 0;
  let unicode = 0;
  for (const s of samples) {
    if (isTcvn3(s)) legacy++;
    else if (BEYOND_LATIN1.test(s)) unicode++;
  }
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
 * Bytes of a file that is not UTF-8: TCVN3, or Windows-1258 (the ANSI code of a Vietnamese
 * Windows)? TCVN3 writes ă â đ ê ô ơ ư and the tones of a in 0xA1–0xBE, where Windows-1258 has
 * symbols (µ ¶ · ¸ ® …) no list uses; Windows-1258 writes most tones as separate marks elsewhere.
 * At least a fifth of the high bytes there is TCVN3.
 */
export function looksTcvn3Bytes(data: Uint8Array): boolean {
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
