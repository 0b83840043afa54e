// The policy tables as one Excel workbook, and back: an officer downloads it, edits rows (a new
// level, a corrected legal basis, a resolution) and uploads it; every new or changed row becomes a
// change waiting for a second person, every wrong row is reported by sheet, row and field.
import ExcelJS from "exceljs";
import { z } from "zod";
import { foldVietnamese } from "../../lib/text.ts";
import { sheet, workbookBuffer } from "../exports/sheet.ts";
import { changeValue, currentValue, keyOf, type ChangeValue, type PolicyTableName } from "./changeSchema.ts";
import type { Policy } from "./policySchema.ts";
import { fingerprint } from "./policyRows.ts";

type Kind = "text" | "amount" | "date" | "number" | "bool";
interface Column {
  key: string;
  header: string;
  kind: Kind;
  width?: number;
}

interface SheetSpec {
  table: PolicyTableName;
  name: string;
  columns: Column[];
  rows(policy: Policy & { resolutionIds: string[] }): Record<string, unknown>[];
  /** A row of the sheet as a change value (checked by the change schema). */
  value(row: Record<string, unknown>): unknown;
}

const c = (key: string, header: string, kind: Kind = "text", width = 18): Column => ({ key, header, kind, width });
const COMMON_TAIL = [c("legalBasis", "Căn cứ pháp lý", "text", 40), c("source", "Nguồn", "text", 40)];

export const SHEETS: SheetSpec[] = [
  {
    table: "BASE_LEVEL",
    name: "Mức chuẩn",
    columns: [
      c("programme", "Chương trình (BTXH/NCC)"),
      c("amount", "Mức chuẩn (đ)", "amount"),
      c("effectiveFrom", "Áp dụng từ", "date"),
      c("appliedFrom", "Thực hiện từ ngày (truy lĩnh trước đó)", "date"),
      c("confirmed", "Đã ban hành (có/không)", "bool"),
      ...COMMON_TAIL,
    ],
    rows: (p) => p.baseLevels.map((l) => ({ ...l })),
    value: (r) => ({ table: "BASE_LEVEL", value: { ...r, confirmed: r.confirmed ?? true } }),
  },
  {
    table: "CATEGORY_AMOUNT",
    name: "Mức theo diện",
    columns: [
      c("categoryCode", "Mã diện", "text", 34),
      c("effectiveFrom", "Áp dụng từ", "date"),
      c("coefficient", "Hệ số", "number"),
      c("amount", "Số tiền (đ)", "amount"),
      c("baseLevel", "Tại mức chuẩn (đ)", "amount"),
      c("confirmed", "Đã ban hành (có/không)", "bool"),
      ...COMMON_TAIL,
    ],
    rows: (p) => p.categories.flatMap((k) => k.amounts.map((a) => ({ categoryCode: k.code, ...a }))),
    value: (r) => ({ table: "CATEGORY_AMOUNT", value: { ...r, confirmed: r.confirmed ?? true } }),
  },
  {
    table: "RATE_TABLE",
    name: "Bảng theo tỷ lệ",
    columns: [
      c("code", "Mã bảng", "text", 24),
      c("baseLevel", "Tại mức chuẩn (đ)", "amount"),
      c("effectiveFrom", "Áp dụng từ", "date"),
      c("rate", "Tỷ lệ (%)", "number", 10),
      c("rateAmount", "Số tiền (đ)", "amount"),
      c("description", "Mô tả", "text", 40),
      ...COMMON_TAIL,
    ],
    rows: (p) => p.rateTables.flatMap((t) => t.rows.map((r) => ({ ...t, rate: r.rate, rateAmount: r.amount }))),
    value: (r) => r,
  },
  {
    table: "RESOLUTION",
    name: "Nghị quyết tỉnh",
    columns: [
      c("id", "Mã dòng (để trống khi thêm mới)", "text", 38),
      c("provinceCode", "Mã tỉnh", "text", 10),
      c("programme", "Chương trình (BTXH/NCC)"),
      c("categoryCode", "Mã diện (trống: cả chương trình)", "text", 30),
      c("kind", "Loại (LEVEL/AMOUNT/TOP_UP)"),
      c("amount", "Số tiền (đ)", "amount"),
      c("resolutionNo", "Số nghị quyết", "text", 20),
      c("effectiveFrom", "Áp dụng từ", "date"),
      c("effectiveTo", "Đến hết ngày", "date"),
      ...COMMON_TAIL,
    ],
    rows: (p) => p.resolutions.map((r, i) => ({ id: p.resolutionIds[i] ?? "", ...r })),
    value: (r) => ({ table: "RESOLUTION", value: { ...r, id: r.id || undefined } }),
  },
];

export async function exportPolicyWorkbook(policy: Policy & { resolutionIds: string[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of SHEETS) {
    const ws = sheet(
      workbook,
      spec.name,
      spec.columns.map((col) => ({
        header: col.header,
        width: col.width ?? 18,
        kind: col.kind === "amount" ? "amount" : "text",
      })),
    );
    for (const row of spec.rows(policy)) ws.addRow(spec.columns.map((col) => cellOut(row[col.key], col.kind)));
  }
  return workbookBuffer(workbook);
}

export interface WorkbookRowProblem {
  sheet: string;
  row: number;
  message: string;
}

export interface WorkbookChange {
  table: PolicyTableName;
  target: string | null;
  value: ChangeValue;
  sheet: string;
  row: number;
}

/** The rows of an uploaded workbook that differ from the policy, as changes to enter. */
export async function readPolicyWorkbook(
  data: Buffer,
  policy: Policy & { resolutionIds: string[] },
): Promise<{ changes: WorkbookChange[]; unchanged: number; problems: WorkbookRowProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(data).buffer);
  } catch {
    return { changes: [], unchanged: 0, problems: [{ sheet: "", row: 0, message: "file_unreadable" }] };
  }
  const changes: WorkbookChange[] = [];
  const problems: WorkbookRowProblem[] = [];
  let unchanged = 0;
  for (const spec of SHEETS) {
    const ws = workbook.worksheets.find((w) => foldVietnamese(w.name) === foldVietnamese(spec.name));
    if (!ws) continue;
    const values: { value: ChangeValue; row: number }[] = [];
    const tables = new Map<
      string,
      { head: Record<string, unknown>; rows: { rate: unknown; amount: unknown }[]; row: number }
    >();
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const record: Record<string, unknown> = {};
      spec.columns.forEach((col, i) => (record[col.key] = cellIn(row.getCell(i + 1).value, col.kind)));
      if (Object.values(record).every((v) => v === null)) return;
      if (spec.table === "RATE_TABLE") {
        const key = `${String(record.code)}:${String(record.baseLevel)}`;
        const t = tables.get(key) ?? { head: record, rows: [], row: n };
        t.rows.push({ rate: record.rate, amount: record.rateAmount });
        tables.set(key, t);
        return;
      }
      const parsed = changeValue.safeParse(spec.value(record));
      if (parsed.success) values.push({ value: parsed.data, row: n });
      else problems.push({ sheet: spec.name, row: n, message: z.prettifyError(parsed.error).replace(/\n/g, "; ") });
    });
    for (const t of tables.values()) {
      const { rate: _r, rateAmount: _a, ...head } = t.head;
      const parsed = changeValue.safeParse({ table: "RATE_TABLE", value: { ...head, rows: t.rows } });
      if (parsed.success) values.push({ value: parsed.data, row: t.row });
      else problems.push({ sheet: spec.name, row: t.row, message: z.prettifyError(parsed.error).replace(/\n/g, "; ") });
    }
    for (const { value, row } of values) {
      const key = keyOf(value);
      const current = key ? currentValue(policy, spec.table, key) : null;
      if (current && same(current, value)) unchanged += 1;
      else changes.push({ table: spec.table, target: current ? key : null, value, sheet: spec.name, row });
    }
  }
  return { changes, unchanged, problems };
}

/** The same row: equal fields, whatever their order (the id of a resolution aside). */
function same(a: ChangeValue, b: ChangeValue): boolean {
  const norm = (v: ChangeValue) =>
    fingerprint(Object.fromEntries(Object.entries(v.value).filter(([k, x]) => k !== "id" && x !== undefined)));
  return a.table === b.table && norm(a) === norm(b);
}

function cellOut(v: unknown, kind: Kind): string | number | null {
  if (v === null || v === undefined) return null;
  if (kind === "bool") return v ? "có" : "không";
  if (typeof v === "number" || typeof v === "string") return v;
  return String(v);
}

function cellIn(raw: ExcelJS.CellValue, kind: Kind): unknown {
  let v: unknown = raw;
  if (v && typeof v === "object" && "result" in v) v = v.result;
  if (v && typeof v === "object" && "richText" in v && Array.isArray(v.richText))
    v = v.richText.map((t: { text: string }) => t.text).join("");
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (kind === "bool")
    return typeof v === "boolean"
      ? v
      : /^(co|có|yes|true|x|1)$/i.test(String(v).trim())
        ? true
        : /^(khong|không|no|false|0)$/i.test(String(v).trim())
          ? false
          : String(v);
  if (kind === "amount" || kind === "number") {
    if (typeof v === "number") return v;
    const n = Number(String(v).replace(/[.\s]/g, "").replace(",", "."));
    return Number.isFinite(n) && String(v).trim() !== "" ? n : String(v);
  }
  return typeof v === "string" ? v.trim() : String(v);
}
