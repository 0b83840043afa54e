// The parts of an .xlsx file that say how to read its sheets: the sheet list (names, hidden or
// not, where each lives), the shared strings most text cells point into, and which cell styles
// are dates (a date is a number with a date format, ECMA-376 §18.8.30).
import { ArchiveError, type ZipArchive } from "./zipArchive.ts";
import { attributes, decodeXml, elements, stringItemText } from "./xmlText.ts";

export interface SheetInfo {
  name: string;
  /** Path of the sheet part inside the archive. */
  path: string;
  hidden: boolean;
}

/** Longest run of text without markup that an element may hold (Excel's cell limit is 32,767 characters). */
export const MAX_ELEMENT_CHARS = 1_000_000;

export function workbookSheets(zip: ZipArchive): SheetInfo[] {
  const rootRels = zip.read("_rels/.rels");
  const workbookPath =
    (rootRels && relationshipTargets(rootRels, "").find((r) => r.type.endsWith("/officeDocument"))?.target) ??
    "xl/workbook.xml";
  const workbook = zip.read(workbookPath);
  if (!workbook) throw new ArchiveError("file_unreadable");
  const dir = workbookPath.includes("/") ? workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1) : "";
  const relsXml = zip.read(`${dir}_rels/${workbookPath.slice(dir.length)}.rels`) ?? "";
  const targets = new Map(relationshipTargets(relsXml, dir).map((r) => [r.id, r.target]));
  const sheets: SheetInfo[] = [];
  for (const el of elements(workbook, "sheet")) {
    const a = attributes(el.attrs);
    const target = targets.get(a.get("id") ?? "");
    if (!target || !zip.has(target)) continue; // chart sheets and dialog sheets have no rows
    sheets.push({ name: a.get("name") ?? "", path: target, hidden: (a.get("state") ?? "visible") !== "visible" });
  }
  return sheets;
}

export function sharedStringsPath(zip: ZipArchive): string | null {
  for (const candidate of ["xl/sharedStrings.xml", "xl/SharedStrings.xml"]) if (zip.has(candidate)) return candidate;
  return null;
}

/** All shared strings, in order, read as the part inflates, as written (see `textReader`). */
export async function readSharedStrings(zip: ZipArchive): Promise<string[]> {
  const path = sharedStringsPath(zip);
  if (!path) return [];
  const out: string[] = [];
  let pending = "";
  const item = /<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g;
  for await (const chunk of zip.stream(path)) {
    pending += chunk;
    item.lastIndex = 0;
    let consumed = 0;
    for (let m = item.exec(pending); m; m = item.exec(pending)) {
      out.push(stringItemText(m[1] ?? ""));
      consumed = item.lastIndex;
    }
    pending = pending.slice(consumed);
    if (pending.length > MAX_ELEMENT_CHARS) throw new ArchiveError("file_too_complex");
  }
  return out;
}

// Built-in number formats that are dates or times (ECMA-376 §18.8.30, plus the East Asian ones).
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** For each cell style index (the `s` attribute), whether it shows a date. */
export function dateStyles(zip: ZipArchive): boolean[] {
  const xml = zip.read("xl/styles.xml");
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const el of elements(xml, "numFmt")) {
    const a = attributes(el.attrs);
    custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
  }
  const cellXfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? "";
  const out: boolean[] = [];
  for (const el of elements(cellXfs, "xf")) {
    const id = Number(attributes(el.attrs).get("numFmtId") ?? "0");
    out.push(BUILT_IN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!)));
  }
  return out;
}

/** A custom format shows a date when it has day, month or year codes outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = decodeXml(code)
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .split(";")[0]!;
  return /[dmy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

function relationshipTargets(xml: string, dir: string): { id: string; type: string; target: string }[] {
  const out: { id: string; type: string; target: string }[] = [];
  for (const el of elements(xml, "Relationship")) {
    const a = attributes(el.attrs);
    const raw = a.get("Target") ?? "";
    out.push({ id: a.get("Id") ?? "", type: a.get("Type") ?? "", target: resolvePath(dir, raw) });
  }
  return out;
}

function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : dir + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}
