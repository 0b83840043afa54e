// Small readers for the XML of an .xlsx file (ECMA-376 SpreadsheetML). The parts have a fixed,
// flat shape, so elements are matched with patterns instead of building a document tree: a sheet
// of 100,000 rows is read in one pass with little memory. Element names may carry a namespace
// prefix ("x:row"), as some generators write them.

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
// OOXML writes characters XML cannot hold (control characters) as _xHHHH_ (ECMA-376 §22.9.2.19).
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeXml(text: string): string {
  const plain = text.includes("&")
    ? text.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) => {
        if (name) return NAMED[name] ?? "";
        const code = dec ? Number(dec) : parseInt(hex ?? "", 16);
        return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
      })
    : text;
  return plain.includes("_x")
    ? plain.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : plain;
}

/** Attributes of a start tag's text (`r="A1" s="3" t="s"`), names without their prefix. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    const name = m[1]!.replace(/^[\w.-]+:/, "");
    if (!out.has(name)) out.set(name, decodeXml(m[2] ?? m[3] ?? ""));
  }
  return out;
}

/** Every element `name` in `xml` (start tag attributes and inner text; inner is "" when self-closing). */
export function* elements(xml: string, name: string): Generator<{ attrs: string; inner: string }> {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) yield { attrs: m[1] ?? "", inner: m[2] ?? "" };
}

/**
 * The text a person sees in a string item (`<si>`, `<is>`): its `<t>` runs joined, leaving out
 * phonetic guides (`<rPh>`), which Excel keeps for East Asian text but never shows in the cell.
 */
export function stringItemText(inner: string): string {
  const visible = inner.includes("rPh") ? inner.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "") : inner;
  let out = "";
  for (const t of elements(visible, "t")) out += t.inner;
  return decodeXml(out);
}

/** "C12" → { col: 2 (0-based), row: 12 }. */
export function cellRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return null;
  return { col: columnIndex(m[1]!), row: Number(m[2]) };
}

/** "A" → 0, "AB" → 27. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → "A", 27 → "AB": how Excel names a column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
