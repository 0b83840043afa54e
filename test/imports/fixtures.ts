// Reference data and spreadsheet builders shared by the import/export tests.
import ExcelJS from "exceljs";
import { createI18n, type I18n } from "../../src/core/i18n.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { StaffContext } from "../../src/http/context.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createLogger } from "../../src/lib/logger.ts";

export interface Places {
  provinceId: string;
  anPhu: string; // commune 00001
  binhMinh: string; // commune 00002
  catTien: string; // commune 00003, outside the test officer's area
}

export async function seedPlaces(prisma: PrismaClient): Promise<Places> {
  const province = await prisma.province.create({ data: { code: "91", name: "Tỉnh Thử Nghiệm" } });
  const commune = (code: string, name: string, kind: "XA" | "PHUONG") =>
    prisma.commune.create({ data: { code, name, kind, provinceId: province.id } }).then((c) => c.id);
  const places = {
    provinceId: province.id,
    anPhu: await commune("00001", "Xã An Phú", "XA"),
    binhMinh: await commune("00002", "Phường Bình Minh", "PHUONG"),
    catTien: await commune("00003", "Xã Cát Tiên", "XA"),
  };
  await prisma.benefitCategory.createMany({
    data: [
      {
        code: "BTXH_OLD_80",
        programme: "BTXH",
        name: "Người cao tuổi từ đủ 80 tuổi",
        nameEn: "Older person 80+",
        rule: "COEFFICIENT",
        coefficient: 2,
        legalBasis: "Nghị định 20/2021/NĐ-CP",
      },
      {
        code: "BTXH_OLD_60_80_POOR",
        programme: "BTXH",
        name: "Người cao tuổi nghèo 60-80",
        nameEn: "Poor older person 60-80",
        rule: "COEFFICIENT",
        coefficient: 1.5,
        legalBasis: "Nghị định 20/2021/NĐ-CP",
      },
      {
        code: "BTXH_SEVERE_DISABILITY_ADULT",
        programme: "BTXH",
        name: "Người khuyết tật nặng",
        nameEn: "Severe disability, adult",
        rule: "COEFFICIENT",
        coefficient: 1.5,
        legalBasis: "Nghị định 20/2021/NĐ-CP",
      },
      {
        code: "NCC_MARTYR_RELATIVE_1",
        programme: "NCC",
        name: "Thân nhân 1 liệt sĩ",
        nameEn: "Relative of 1 martyr",
        rule: "MULTIPLE_OF_BASE",
        coefficient: 1,
        legalBasis: "Nghị định 55/2023/NĐ-CP",
      },
      {
        code: "NCC_WAR_INVALID",
        programme: "NCC",
        name: "Thương binh",
        nameEn: "War invalid",
        rule: "MULTIPLE_OF_BASE",
        legalBasis: "Nghị định 55/2023/NĐ-CP",
      },
    ],
  });
  return places;
}

export async function importDeps(prisma: PrismaClient): Promise<{
  prisma: PrismaClient;
  log: ReturnType<typeof createLogger>;
  clock: ReturnType<typeof fixedClock>;
  i18n: I18n;
}> {
  return {
    prisma,
    log: createLogger({ level: "silent" }),
    clock: fixedClock(new Date("2026-07-15T03:00:00Z")),
    i18n: await createI18n(),
  };
}

export async function officer(
  prisma: PrismaClient,
  communeIds: string[] | null,
  username = "officer",
): Promise<StaffContext> {
  const user = await prisma.staffUser.create({
    data: { username, fullName: "Cán bộ Thử", passwordHash: "x", role: communeIds ? "COMMUNE_OFFICER" : "ADMIN" },
  });
  return {
    id: user.id,
    username,
    fullName: user.fullName,
    role: user.role,
    locale: "vi",
    communeIds,
    sessionId: "s",
    csrfToken: "c",
  };
}

export type Row = (string | number | Date | null)[];

/** An .xlsx file with the given header row and data rows, as an officer's Excel would save it. */
export async function xlsx(header: string[], rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the first sheet of an .xlsx file into rows of displayed values. */
export async function readSheet(data: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(data).buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no worksheet");
  return ws;
}

/**
 * The data rows of an exported list, each as its values by column title. Exports carry the
 * commune letterhead and a title above the table: the header is the row that names "Họ và tên".
 */
export function listRows(ws: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue>[] {
  let header: string[] | null = null;
  const rows: Map<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell((cell, n) => {
      cells[n] = String(cell.value);
    });
    if (!header) {
      if (cells.includes("Họ và tên")) header = cells;
      return;
    }
    const titles = header;
    rows.push(new Map(titles.flatMap((title, n) => (title ? [[title, row.getCell(n).value] as const] : []))));
  });
  return rows;
}

export const BENEFICIARY_HEADER = [
  "STT",
  "Họ và tên",
  "Số định danh",
  "Ngày sinh",
  "Giới tính",
  "Số điện thoại",
  "Địa chỉ",
  "Mã xã",
  "Chương trình",
  "Diện hưởng",
  "Trạng thái",
];

export const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * `count` men aged over 80 in commune 00001, all valid (IDs from `firstSerial` on, row numbers from
 * 1); `phone` may give some of them a phone number.
 */
export function manyPeople(count: number, firstSerial: number, phone: (i: number) => string = () => ""): Row[] {
  return Array.from({ length: count }, (_, i) => [
    i + 1,
    `Người Thứ ${i + 1}`,
    `001045${String(firstSerial + i).padStart(6, "0")}`,
    date("1945-05-05"),
    "Nam",
    phone(i),
    "",
    "00001",
    "BTXH",
    "BTXH_OLD_80",
    "",
  ]);
}
