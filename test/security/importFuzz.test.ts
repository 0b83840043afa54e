// Officers' files that are broken in every way a spreadsheet can be: random bytes, wrong
// encodings, random cells under the right headers. Each gets a report (never a crash), every
// problem names its row and column, and a file with any problem changes nothing.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport, type ImportReport } from "../../src/features/imports/service.ts";
import type { StaffContext } from "../../src/http/context.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { BENEFICIARY_HEADER, importDeps, officer, seedPlaces, xlsx, type Row } from "../imports/fixtures.ts";

let db: TestDatabase;
let deps: Awaited<ReturnType<typeof importDeps>>;
let staff: StaffContext;

beforeAll(async () => {
  db = await createTestDatabase();
  const places = await seedPlaces(db.prisma);
  deps = await importDeps(db.prisma);
  staff = await officer(db.prisma, [places.anPhu, places.binhMinh]);
});
afterAll(async () => {
  await db.destroy();
});

const RUNS = 40;

async function imported(fileName: string, data: Buffer): Promise<{ report: ImportReport; people: number }> {
  const report = await runImport(deps, { kind: "beneficiaries", fileName, data, dryRun: false, staff, locale: "vi" });
  return { report, people: await db.prisma.beneficiary.count() };
}

/** Every problem is told by row and column, in words. */
function explained(report: ImportReport): boolean {
  return report.errors.every(
    (e) => Number.isInteger(e.row) && e.row >= 0 && typeof e.column === "string" && e.message.trim().length > 0,
  );
}

// A cell as officers' files hold them: text in any script, numbers, dates, blanks, formulas-like text.
const cell = fc.oneof(
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.string({ maxLength: 20, unit: "binary" }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.date({ min: new Date("1800-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }),
  fc.constant(null),
  fc.constantFrom(
    "=1+1",
    "001045000001",
    "0912345678",
    "00001",
    "BTXH",
    "BTXH_OLD_80",
    "Nam",
    "Nữ",
    "01/13/1945",
    "31/02/1950",
  ),
);

describe("an officer's beneficiary file that is broken", () => {
  it("as random bytes under a .csv or .xlsx name: refused with a reason, nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom("danh-sach.csv", "danh-sach.xlsx"),
        async (bytes, name) => {
          const { report, people } = await imported(name, Buffer.from(bytes));
          expect(report.applied).toBe(false);
          expect(report.errors.length).toBeGreaterThan(0);
          expect(explained(report)).toBe(true);
          expect(people).toBe(0);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("saved as Excel's Unicode text (UTF-16, tab-separated, with or without the mark) is read as the officer sees it", async () => {
    const text = `${BENEFICIARY_HEADER.join("\t")}\r\n1\tNguyễn Văn An\t001045000001\t01/03/1945\tNam\t0912345678\tThôn 1\t00001\tBTXH\tBTXH_OLD_80\tĐang hưởng\r\n`;
    for (const data of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
      Buffer.from(text, "utf16le"),
    ]) {
      const { report } = await imported("danh-sach.txt", data);
      expect(report.errors).toEqual([]);
      const person = await db.prisma.beneficiary.findFirstOrThrow();
      expect(person.fullName).toBe("Nguyễn Văn An");
      await db.prisma.beneficiary.deleteMany();
    }
  });

  it("as text in another encoding (Windows-1258-like bytes, NUL bytes, a BOM in the middle): a report, not a crash", async () => {
    const header = BENEFICIARY_HEADER.join(",");
    const line = "1,Nguyễn Văn An,001045000001,01/03/1945,Nam,0912345678,Thôn 1,00001,BTXH,BTXH_OLD_80,Đang hưởng";
    const encodings: Buffer[] = [
      Buffer.from(`${header}\n${line}\n`.replace("Thôn", "Th\u0000ôn"), "utf8"),
      Buffer.from(`${header}\n${line}\n`, "latin1"),
      Buffer.concat([Buffer.from(header), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n${line}\n`)]),
      Buffer.from(`${header}\n${line.replace(/,/g, ";")}\n"unterminated,quote\n`),
    ];
    for (const data of encodings) {
      const { report } = await imported("danh-sach.csv", data);
      expect(explained(report)).toBe(true);
      if (!report.applied) expect(report.errors.length).toBeGreaterThan(0);
    }
    // Whatever was applied came from a clean file; nothing broken was half-written.
    const names = await db.prisma.beneficiary.findMany({ select: { fullName: true } });
    expect(names.every((n) => n.fullName === "Nguyễn Văn An")).toBe(true);
    await db.prisma.beneficiary.deleteMany();
  });

  it("as random cells under the right headers: every problem names its row and column; any problem and nothing changes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 0, maxLength: BENEFICIARY_HEADER.length + 2 }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (rows: Row[]) => {
          const before = await db.prisma.beneficiary.count();
          const { report, people } = await imported("danh-sach.xlsx", await xlsx(BENEFICIARY_HEADER, rows));
          expect(explained(report)).toBe(true);
          for (const e of report.errors) {
            // Rows are the officer's Excel rows: the header is row 1 (problems of the whole list point
            // there), data start at row 2.
            expect(e.row).toBeLessThanOrEqual(rows.length + 1);
          }
          if (report.errors.length > 0) {
            expect(report.applied).toBe(false);
            expect(people).toBe(before);
          } else {
            expect(people).toBe(before + report.created);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("wrapped in any title lines, blank rows, a column-number row and a footer: the same people are found, and nothing else is reported", async () => {
    const people: Row[] = [
      [1, "Nguyễn Văn An", "001045000001", "01/03/1945", "Nam", "", "Thôn 1", "00001", "BTXH", "BTXH_OLD_80", ""],
      [
        2,
        "TRẦN THỊ BÌNH",
        1150000002,
        "1950",
        "Nữ",
        912345678,
        "",
        "Xã An Phú",
        "BTXH",
        "Người cao tuổi nghèo 60-80",
        "",
      ],
    ];
    const titleLine = fc.oneof(
      fc.constantFrom(
        "UBND XÃ AN PHÚ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HÀNG THÁNG",
        "(Kèm theo Quyết định số 12/QĐ-UBND)",
        "Tháng 7 năm 2026",
      ),
      fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" }).filter((t) => /\p{L}/u.test(t)),
    );
    // Any part of a footer, in order; the signers' names come under their titles, as on paper.
    const titlesRow = ["NGƯỜI LẬP BIỂU", null, "KẾ TOÁN", null, "CHỦ TỊCH UBND XÃ"];
    const footer = fc
      .subarray([
        ["Tổng cộng", null, null, 2],
        ["Bằng chữ: Hai người"],
        ["An Phú, ngày 05 tháng 7 năm 2026"],
        titlesRow,
        ["(Ký, ghi rõ họ tên)"],
      ])
      .map((lines) => (lines.includes(titlesRow) ? [...lines, ["Nguyễn Thị Lập", null, "Trần Văn Toán"]] : lines));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(titleLine, fc.constant("")), { maxLength: 8 }),
        fc.boolean(),
        footer,
        async (titles, numbers, foot) => {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet("Danh sách");
          for (const t of titles) ws.addRow(t === "" ? [] : [t]);
          ws.addRow(BENEFICIARY_HEADER);
          if (numbers) ws.addRow(BENEFICIARY_HEADER.map((_, i) => i + 1));
          for (const p of people) ws.addRow(p);
          for (const f of foot) ws.addRow([null, ...f]);
          const report = await runImport(deps, {
            kind: "beneficiaries",
            fileName: "ds.xlsx",
            data: Buffer.from(await wb.xlsx.writeBuffer()),
            dryRun: true,
            staff,
            locale: "vi",
          });
          expect(report.errors).toEqual([]);
          expect(report.created).toBe(2);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
