// Workbooks built the way commune and province officers keep their lists: the two-block letterhead
// of Decree 30/2020 merged over several columns, titles, "(Kèm theo Quyết định số …)", the month,
// a two-row header with merged group titles, a column-number row, hidden helper columns, one sheet
// per hamlet plus a summary sheet, every way a cell gets typed, and the footer with the total,
// the amount in words, place and date, and signatures.
import ExcelJS from "exceljs";

export type Cell = string | number | Date | null | { formula: string; result: number };

const NBSP = "\u00a0";

interface Block {
  ws: ExcelJS.Worksheet;
  row: number;
}

/** Letterhead and titles from row 1; returns the next free row. */
export function letterhead(
  ws: ExcelJS.Worksheet,
  o: { agency: string[]; title: string; lines: string[]; width: number },
): number {
  ws.getCell(1, 1).value = o.agency[0]!;
  ws.mergeCells(1, 1, 1, 3);
  ws.getCell(1, 5).value = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  ws.mergeCells(1, 5, 1, o.width);
  if (o.agency[1]) {
    ws.getCell(2, 1).value = o.agency[1];
    ws.mergeCells(2, 1, 2, 3);
  }
  ws.getCell(2, 5).value = "Độc lập - Tự do - Hạnh phúc";
  ws.mergeCells(2, 5, 2, o.width);
  ws.getCell(4, 1).value = o.title;
  ws.mergeCells(4, 1, 4, o.width);
  let row = 5;
  for (const line of o.lines) {
    ws.getCell(row, 1).value = line;
    ws.mergeCells(row, 1, row, o.width);
    row++;
  }
  return row + 1;
}

function put(b: Block, cells: Cell[]): void {
  cells.forEach((v, i) => {
    if (v !== null) b.ws.getCell(b.row, i + 1).value = v;
  });
  b.row++;
}

function dateCells(ws: ExcelJS.Worksheet, col: number): void {
  ws.getColumn(col).numFmt = "dd/mm/yyyy";
}

/** A beneficiary person as the tests describe them; the sheet writer spreads it over the columns. */
export interface Person {
  name: Cell;
  /** Put in the "Nam" or "Nữ" birth-date column. */
  sex: "M" | "F";
  birth: Cell;
  id: Cell;
  address?: string;
  category: string;
  phone?: Cell;
  note?: string;
}

/**
 * "Thôn" sheet of a social-assistance list: STT | Họ và tên | Ngày sinh (Nam | Nữ) | Số định danh |
 * hidden Tuổi | hidden Số CMND | Địa chỉ | Trợ cấp xã hội hàng tháng (Diện hưởng | Hệ số | Mức trợ
 * cấp) | Số điện thoại | Ghi chú | Ký nhận.
 */
export function hamletSheet(
  wb: ExcelJS.Workbook,
  name: string,
  people: Person[],
  o: { letterhead: boolean; numbers: "plain" | "brackets" },
): void {
  const ws = wb.addWorksheet(name);
  const width = 14;
  let row = 1;
  if (o.letterhead) {
    row = letterhead(ws, {
      agency: ["UBND XÃ AN PHÚ", "BAN CHÍNH SÁCH - XÃ HỘI"],
      title: "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HÀNG THÁNG",
      lines: ["(Kèm theo Quyết định số 123/QĐ-UBND ngày 01/7/2026 của Chủ tịch UBND xã An Phú)", "Tháng 7 năm 2026"],
      width,
    });
  }
  const b: Block = { ws, row };
  put(b, [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    null,
    "Số định danh cá nhân",
    "Tuổi",
    "Số CMND",
    "Địa chỉ (thôn, tổ)",
    "Trợ cấp xã hội hàng tháng",
    null,
    null,
    "Số điện thoại",
    "Ghi chú",
    "Ký nhận",
  ]);
  put(b, [null, null, "Nam", "Nữ", null, null, null, null, "Diện hưởng", "Hệ số", "Mức trợ cấp", null, null, null]);
  const h = b.row - 2;
  for (const col of [1, 2, 5, 6, 7, 8, 12, 13, 14]) ws.mergeCells(h, col, h + 1, col);
  ws.mergeCells(h, 3, h, 4);
  ws.mergeCells(h, 9, h, 11);
  ws.getColumn(6).hidden = true;
  ws.getColumn(7).hidden = true;
  put(
    b,
    Array.from({ length: width }, (_, i) => (o.numbers === "plain" ? i + 1 : `(${i + 1})`)),
  );
  dateCells(ws, 3);
  dateCells(ws, 4);
  people.forEach((p, i) => {
    put(b, [
      i + 1,
      p.name,
      p.sex === "M" ? p.birth : null,
      p.sex === "F" ? p.birth : null,
      p.id,
      { formula: `2026-YEAR(C${b.row})`, result: 80 },
      "123456789",
      p.address ?? `Thôn ${name}`,
      p.category,
      1.5,
      "810.000",
      p.phone ?? null,
      p.note ?? null,
      null,
    ]);
  });
  footer(b, {
    total: ["Tổng cộng", people.length * 810_000],
    words: "Bằng chữ: Hai triệu bốn trăm ba mươi nghìn đồng chẵn./.",
  });
}

/** A summary sheet (counts per hamlet, no people), as province workbooks carry. */
export function summarySheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Tổng hợp");
  const b: Block = { ws, row: 1 };
  put(b, ["BẢNG TỔNG HỢP SỐ ĐỐI TƯỢNG"]);
  b.row++;
  put(b, ["STT", "Thôn", "Số đối tượng", "Tổng số tiền"]);
  put(b, [1, "Thôn Đông", 3, 2_430_000]);
  put(b, [2, "Thôn Tây", 4, 3_240_000]);
}

/** NCC payout list of one month: STT | Họ và tên | Năm sinh | Số CCCD | Địa chỉ | Diện hưởng | Số tiền | Ký nhận. */
export function payoutSheet(
  wb: ExcelJS.Workbook,
  rows: { name: string; year: number; id: Cell; category: string; amount: Cell }[],
): void {
  const ws = wb.addWorksheet("T7-2026");
  const row = letterhead(ws, {
    agency: ["UBND XÃ AN PHÚ"],
    title: "DANH SÁCH CHI TRẢ TRỢ CẤP ƯU ĐÃI NGƯỜI CÓ CÔNG",
    lines: ["THÁNG 07 NĂM 2026"],
    width: 8,
  });
  const b: Block = { ws, row };
  put(b, ["STT", "Họ và tên", "Năm sinh", "Số CCCD", "Địa chỉ", "Diện hưởng", "Số tiền", "Ký nhận"]);
  put(b, ["A", "B", "1", "2", "3", "4", "5", "6"]);
  rows.forEach((r, i) => put(b, [i + 1, r.name, r.year, r.id, "Thôn Đông", r.category, r.amount, null]));
  footer(b, { total: ["Cộng", 0], words: "Số tiền bằng chữ: …" });
}

function footer(b: Block, o: { total: [string, number]; words: string }): void {
  put(b, [null, o.total[0], null, null, null, null, null, null, null, null, o.total[1]]);
  put(b, [o.words]);
  b.row++;
  put(b, [null, null, null, null, null, null, null, null, "An Phú, ngày 05 tháng 7 năm 2026"]);
  put(b, [null, "NGƯỜI LẬP BIỂU", null, null, "KẾ TOÁN", null, null, null, "CHỦ TỊCH UBND XÃ"]);
  put(b, [null, "(Ký, ghi rõ họ tên)", null, null, "(Ký, ghi rõ họ tên)", null, null, null, "(Ký tên, đóng dấu)"]);
  b.row += 3;
  put(b, [null, "Nguyễn Thị Lập", null, null, "Trần Văn Toán", null, null, null, "Lê Văn Chủ"]);
}

export async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** IDs the way cells hold them. */
export const idAs = {
  number: (id: string) => Number(id),
  spaced: (id: string) => `${id.slice(0, 3)} ${id.slice(3, 6)}${NBSP}${id.slice(6)} `,
  text: (id: string) => id,
};

export const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Thôn Đông has the letterhead, titles and month; Thôn Tây continues the list without them.
export const east: Person[] = [
  {
    name: "NGUYỄN VĂN AN",
    sex: "M",
    birth: utc("1945-03-01"),
    id: idAs.number("001045000001"),
    category: "Người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, từ đủ 80 tuổi trở lên",
    phone: 912345678,
  },
  { name: "Trần Thị Bình", sex: "F", birth: "02/05/1950", id: idAs.spaced("001150000002"), category: "NKT nặng" },
  {
    name: "LÊ VĂN CƯỜNG ",
    sex: "M",
    birth: 1948,
    id: idAs.text("001048000003"),
    category: "Điểm a khoản 5 Điều 5 Nghị định 20/2021/NĐ-CP",
  },
  { name: "Phạm Thị Dung", sex: "F", birth: "1950", id: "001150000004", category: "Khoản 5 Điều 5" },
  { name: "Hoàng Văn Em", sex: "M", birth: 16000, id: "00104500005", category: "NCT cô đơn" },
  { name: "Vũ Thị Giang", sex: "F", birth: utc("1955-08-20"), id: null, category: "NKT nặng" },
];
export const west: Person[] = [
  {
    name: "Đỗ Văn Hùng",
    sex: "M",
    birth: utc("1940-01-15"),
    id: idAs.number("001040000007"),
    category: "Thương binh 41%",
  },
  { name: "BÙI THỊ KHÁNH", sex: "F", birth: "00/00/1944", id: "001144000008", category: "Bà mẹ VNAH" },
  { name: "Ngô Văn Long", sex: "M", birth: "31/02/1950", id: "001050000009", category: "NCT cô đơn" },
  {
    name: "Dương Văn Minh",
    sex: "M",
    birth: utc("1942-02-02"),
    id: "001042000010",
    category: "NCT cô đơn",
    phone: "0987 654 321",
  },
  { name: "Nguyễn Văn An", sex: "M", birth: utc("1945-03-01"), id: "001045000001", category: "NCT cô đơn" },
];

/** Thôn Đông and Thôn Tây (with broken rows of every kind) and a summary sheet. */
export async function hamletWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  hamletSheet(wb, "Thôn Đông", east, { letterhead: true, numbers: "plain" });
  hamletSheet(wb, "Thôn Tây", west, { letterhead: false, numbers: "brackets" });
  summarySheet(wb);
  return bytes(wb);
}

const UNICODE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const TCVN3 = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ";
const CAPITALS: Record<string, string> = { Ă: "¡", Â: "¢", Đ: "§", Ê: "£", Ô: "¤", Ơ: "¥", Ư: "¦" };

/**
 * A text as an officer types it in the TCVN3 code with a ".VnTime" font (TCVN 5712:1993): capitals
 * with a tone mark do not exist in the code and are typed as the small letter, which the ".VnTimeH"
 * font draws as a capital.
 */
export function typedInTcvn3(text: string): string {
  return [...text.normalize("NFC")]
    .map((ch) => {
      if (CAPITALS[ch]) return CAPITALS[ch];
      const small = ch.toLowerCase();
      const i = [...UNICODE].indexOf(small);
      return i < 0 ? ch : [...TCVN3][i]!;
    })
    .join("");
}
