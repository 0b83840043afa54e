// What a row below the header is: a person, or one of the other rows officers' lists carry — the
// column-number row ("1 2 3", "(1) (2)", "A B 1 2"), a section heading ("Thôn 1", "I. Người cao
// tuổi"), a repeated header, the total ("Tổng cộng", "Cộng thôn 1"), the amount in words, the place
// and date, signature titles and the signers' names.
import { cellParsers } from "./cellParsers.ts";
import { isBlank, type Cell, type TableRow } from "./table.ts";
import { foldKey } from "./vocabulary.ts";

export type RowKind = "data" | "numbers" | "section" | "footer" | "header";

const NUMBER_TOKEN = /^\(?(\d{1,2}|[a-z])\)?(\s*[=x*+/-]\s*\(?(\d{1,2}|[a-z])\)?)*$/i;
const FOOTER = [
  // "Tổng cộng", "Cộng thôn 1" — but not a person named "Tống Văn Cộng".
  // "Cộng I", "Tổng cộng (I+II)", "Cộng (3 người)" as well.
  /^(tong cong|tong so|tong|cong|luy ke)(( [ivx]+| \d+)*( nguoi| doi tuong)?| (thon|to|xa|phuong|ap|ban|khu|xom|toan|danh sach|trang|so|tien)\b.*)?$/,
  /\bbang chu\b/,
  /\bngay \d{1,2} thang \d{1,2} nam \d{4}\b/,
  /^(nguoi lap|lap bieu|ke toan|chu tich|pho chu tich|thu truong|giam doc|truong (ban|phong|thon)|thu quy|can bo|cong chuc|xac nhan|nguoi chi|nguoi nhan tien|tm\b|kt\b|ubnd)/,
  /\bky,? (ghi ro )?ho ten\b|\bky ten\b|\bdong dau\b/,
];

export interface RowContext {
  /** Column of the personal ID, and of the serial number and name, when the list has them. */
  idCol: number | null;
  serialCol: number | null;
  nameCol: number | null;
  /** Folded header titles by column, to spot a header repeated further down. */
  headerKeys: Map<number, string>;
}

export function rowKind(row: TableRow, ctx: RowContext): RowKind {
  // A row with an ID in the ID column is a person (nearly every row: decided without reading the rest).
  if (hasIdLike(row, ctx)) return "data";
  const filled = row.cells.map((c, i) => [i, c] as const).filter(([, c]) => !isBlank(c));
  if (filled.length === 0) return "section";
  const texts = filled.map(([, c]) => foldKey(smallSerial(c) ?? cellParsers.text(c)));
  if (texts.every((t) => NUMBER_TOKEN.test(t)) && filled.length >= 2) return "numbers";
  let sameAsHeader = 0;
  for (const [i, c] of filled) if (ctx.headerKeys.get(i) === foldKey(cellParsers.text(c))) sameAsHeader++;
  if (sameAsHeader >= 2) return "header";
  if (texts.slice(0, 3).some((t) => FOOTER.some((re) => re.test(t)))) return "footer";
  const distinct = new Set(texts);
  // A section title merged across the table ("Thôn Nam: 4 người") fills every column, the ID's too:
  // only a value typed in the ID column itself makes the row a person's.
  const idFilled = ctx.idCol !== null && !isBlank(row.cells[ctx.idCol] ?? null) && !row.continued?.has(ctx.idCol);
  if (
    !idFilled &&
    (distinct.size === 1 || (distinct.size <= 2 && !startsWithSerial(filled[0]![0], filled[0]![1], ctx)))
  )
    return "section";
  return "data";
}

/** True once the footer has begun: a row without an ID there is a signer's name, not a person. */
export function hasIdLike(row: TableRow, ctx: RowContext): boolean {
  if (ctx.idCol === null) return false;
  const cell = row.cells[ctx.idCol] ?? null;
  if (typeof cell === "number") return cell >= 1e7;
  const digits = cellParsers.text(cell).replace(/[\s.\u00a0-]/g, "");
  return /^\d{9,12}$/.test(digits) || /^[•*x]{4,}\d{3,4}$/i.test(digits);
}

/** A person's row starts with their serial number (or their name when the list has no serial). */
function startsWithSerial(col: number, cell: Cell, ctx: RowContext): boolean {
  if (col === ctx.serialCol) return typeof cell === "number" || /^\d{1,6}\.?$/.test(cellParsers.text(cell));
  return col === ctx.nameCol || col === ctx.idCol;
}

/** A column number typed into a date-formatted column shows as a day in January 1900. */
function smallSerial(cell: Cell): string | null {
  if (!(cell instanceof Date)) return null;
  const serial = Math.round((cell.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  return serial >= 1 && serial <= 99 ? String(serial) : null;
}
