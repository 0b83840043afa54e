// Which columns each kind of file has, and the many ways officers title them. Headers are
// compared folded (no diacritics, case or punctuation), so "Họ và tên", "HO VA TEN" and
// "Ho va ten" are the same column; the console's own labels (both languages) always match.
import { foldKey } from "./vocabulary.ts";
import { isBlank, type Cell, type TableRow } from "./readTable.ts";
import { cellParsers } from "./cellParsers.ts";
import type { ImportKind, RowError } from "./types.ts";

interface FieldSpec {
  field: string;
  required?: boolean;
  /** Accepted for reading convenience but not imported (serial numbers, names on payout lists). */
  ignored?: boolean;
  aliases: string[];
}

const SERIAL: FieldSpec = { field: "serial", ignored: true, aliases: ["stt", "tt", "so thu tu", "no", "#"] };

const BENEFICIARY: FieldSpec[] = [
  SERIAL,
  { field: "personalId", required: true, aliases: ["so dinh danh", "so dinh danh ca nhan", "so cccd", "cccd", "so can cuoc", "can cuoc", "cccd cmnd", "so cccd cmnd", "personal id", "id number", "national id"] },
  { field: "fullName", required: true, aliases: ["ho va ten", "ho ten", "ten", "full name", "name"] },
  { field: "dateOfBirth", required: true, aliases: ["ngay sinh", "ngay thang nam sinh", "date of birth", "dob", "birth date"] },
  { field: "sex", required: true, aliases: ["gioi tinh", "sex", "gender"] },
  { field: "phone", aliases: ["so dien thoai", "sdt", "dien thoai", "phone", "phone number"] },
  { field: "address", aliases: ["dia chi", "noi o", "dia chi thuong tru", "noi o hien nay", "address"] },
  { field: "commune", required: true, aliases: ["ma xa", "xa", "xa phuong", "ma xa phuong", "ten xa", "commune", "commune code"] },
  { field: "programme", required: true, aliases: ["chuong trinh", "che do", "programme", "program"] },
  { field: "categories", required: true, aliases: ["ma doi tuong", "dien huong", "doi tuong", "ma dien huong", "categories", "category", "category codes"] },
  { field: "status", aliases: ["trang thai", "tinh trang", "status"] },
  { field: "decisionNo", aliases: ["so quyet dinh", "so qd", "quyet dinh", "decision no", "decision number"] },
  { field: "decidedOn", aliases: ["ngay quyet dinh", "ngay qd", "decision date"] },
  { field: "note", aliases: ["ghi chu", "note", "notes"] },
];

const PAYOUT: FieldSpec[] = [
  SERIAL,
  { field: "personalId", required: true, aliases: BENEFICIARY[1]!.aliases },
  { field: "fullName", ignored: true, aliases: BENEFICIARY[2]!.aliases },
  { field: "commune", ignored: true, aliases: BENEFICIARY[7]!.aliases },
  { field: "month", required: true, aliases: ["ky", "thang", "ky chi tra", "thang chi tra", "ky thang", "month", "period"] },
  { field: "amount", required: true, aliases: ["so tien", "so tien chi tra", "thanh tien", "amount", "amount vnd"] },
  { field: "method", required: true, aliases: ["hinh thuc", "hinh thuc chi tra", "hinh thuc nhan", "method", "payout method"] },
  { field: "payoutDate", aliases: ["ngay chi tra", "ngay nhan", "ngay chi", "payout date", "date"] },
  { field: "timeWindow", aliases: ["gio", "thoi gian", "khung gio", "gio chi tra", "time", "time window"] },
  { field: "point", aliases: ["diem chi tra", "dia diem", "noi chi tra", "dia diem chi tra", "payout point", "place"] },
  { field: "pointAddress", aliases: ["dia chi diem chi tra", "payout point address"] },
  { field: "provider", aliases: ["ngan hang", "nha cung cap", "don vi", "ngan hang vi", "to chuc", "provider", "bank"] },
  { field: "accountNumber", aliases: ["so tai khoan", "stk", "tai khoan", "so tai khoan vi", "account number", "account"] },
  { field: "status", aliases: ["trang thai", "tinh trang", "status"] },
  { field: "receiver", aliases: ["nguoi nhan thay", "nguoi nhan", "nguoi duoc uy quyen", "nguoi uy quyen nhan thay", "receiver", "received by", "authorised receiver", "authorized receiver"] },
  { field: "note", aliases: ["ghi chu", "note", "notes"] },
];

const AREA: FieldSpec[] = [
  SERIAL,
  { field: "provinceCode", required: true, aliases: ["ma tinh", "ma tinh thanh pho", "province code"] },
  { field: "provinceName", required: true, aliases: ["tinh", "ten tinh", "tinh thanh pho", "ten tinh thanh pho", "province", "province name"] },
  { field: "communeCode", required: true, aliases: ["ma xa", "ma xa phuong", "ma don vi", "commune code"] },
  { field: "communeName", required: true, aliases: ["xa", "ten xa", "xa phuong", "ten xa phuong", "ten don vi", "commune", "commune name"] },
  { field: "communeKind", aliases: ["loai", "cap", "loai don vi", "kind", "type"] },
];

const SPECS: Record<ImportKind, FieldSpec[]> = { beneficiaries: BENEFICIARY, payouts: PAYOUT, areas: AREA };

/** The fields of a kind in file order, for exports that must import back unchanged. */
export function fieldsOf(kind: ImportKind): string[] {
  return SPECS[kind].filter((s) => !s.ignored).map((s) => s.field);
}

export interface Columns {
  headerRow: number;
  dataRows: TableRow[];
  /** The cell of a field in a row (null when the column is absent or the cell empty). */
  cell(row: TableRow, field: string): Cell;
  has(field: string): boolean;
  /** The header as written in the file, or the field's label when the column is absent. */
  name(field: string): string;
}

export type ColumnsResult = { ok: true; columns: Columns } | { ok: false; errors: RowError[] };

/**
 * Finds the header row (officers often put a title above it, so the first rows are tried) and
 * maps each header to a field. Unknown, repeated or missing required headers stop the import:
 * a misspelt column would otherwise be silently ignored.
 */
export function columns(kind: ImportKind, rows: TableRow[], label: (field: string) => string[]): ColumnsResult {
  const specs = SPECS[kind];
  const lookup = new Map<string, string>();
  for (const spec of specs) {
    for (const alias of [...spec.aliases, ...label(spec.field)]) {
      const key = foldKey(alias);
      if (!lookup.has(key)) lookup.set(key, spec.field);
    }
  }
  const fieldOf = (cell: Cell) => lookup.get(foldKey(cellParsers.text(cell).replace(/\(.*?\)|\*/g, " "))) ?? null;
  const candidates = rows.slice(0, 10);
  const header = candidates.find((r) => r.cells.filter((c) => fieldOf(c) !== null).length >= 2) ?? rows[0]!;

  const errors: RowError[] = [];
  const index = new Map<string, { col: number; header: string }>();
  header.cells.forEach((cell, col) => {
    if (isBlank(cell)) return;
    const text = cellParsers.text(cell);
    const field = fieldOf(cell);
    if (!field) errors.push({ row: header.row, column: text, code: "unknown_header", params: { header: text } });
    else if (index.has(field)) errors.push({ row: header.row, column: text, code: "duplicate_header", params: { header: text } });
    else index.set(field, { col, header: text });
  });
  const labelOf = (field: string) => label(field)[0] ?? field;
  for (const spec of specs) {
    if (spec.required && !index.has(spec.field)) {
      errors.push({ row: header.row, column: labelOf(spec.field), code: "missing_header", params: { column: labelOf(spec.field) } });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const ignored = new Set(specs.filter((s) => s.ignored).map((s) => s.field));
  return {
    ok: true,
    columns: {
      headerRow: header.row,
      dataRows: rows.filter((r) => r.row > header.row),
      cell: (row, field) => {
        const at = index.get(field);
        return at && !ignored.has(field) ? (row.cells[at.col] ?? null) : null;
      },
      has: (field) => index.has(field) && !ignored.has(field),
      name: (field) => index.get(field)?.header ?? labelOf(field),
    },
  };
}
