// Vietnamese text helpers shared by search, imports and language understanding.

/** Lower-case, NFC, diacritics removed (đ → d): "Nguyễn Thị Đào" → "nguyen thi dao". */
export function foldVietnamese(text: string): string {
  return stripDiacritics(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/** "Bác Nguyễn Đức" → "Bac Nguyen Duc": readable on any phone (and one SMS part holds 160). */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** Collapses white space and applies NFC, keeping diacritics. */
export function cleanText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Drops NUL characters: they mean nothing in a text people typed or saved, and PostgreSQL refuses to store them. */
export function withoutNul(text: string): string {
  return text.replaceAll("\u0000", "");
}
