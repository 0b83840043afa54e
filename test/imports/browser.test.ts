import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "../../src/lib/calendarDate.ts";
import { launchBrowser } from "../console/browser.ts";
import { createStaff, startTestApp, type TestApp } from "../helpers/app.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { readSheet, seedPlaces, xlsx, type Row } from "./fixtures.ts";
import { hamletWorkbook } from "./officerLists.ts";

const PW = "mat-khau-dung-1";
const PAYOUT_HEADER = [
  "STT",
  "Số định danh",
  "Họ và tên",
  "Kỳ",
  "Số tiền",
  "Hình thức",
  "Ngân hàng",
  "Số tài khoản",
  "Ngày chi trả",
  "Khung giờ",
  "Điểm chi trả",
  "Trạng thái",
  "Người nhận thay",
  "Ghi chú",
];

// One officer's afternoon, in order: the second test goes on from where the first left off.
describe("an officer imports and exports lists in the console", () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    await seedPlaces(app.prisma);
    await seedShippedPolicy(app.prisma);
    await createStaff(app.prisma, {
      username: "xa.anphu",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["00001"],
      fullName: "Lê Văn Tâm",
    });
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "vi-VN",
      acceptDownloads: true,
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const nav = (name: string) => page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
  const mainText = async () => ((await page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
  const applyButton = () => page.getByRole("button", { name: "Nhập dữ liệu" });
  async function checkFile(kind: string, name: string, data: Buffer): Promise<void> {
    await page.getByLabel("Loại danh sách").selectOption({ label: kind });
    await page.getByLabel("Tệp", { exact: true }).setInputFiles({
      name,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: data,
    });
    await page.getByRole("button", { name: "Kiểm tra trước" }).click();
    // The check runs as a job: the page shows its progress and then the report.
    await page.locator("#report-title").waitFor({ timeout: 60_000 });
  }
  /** Full-page screenshots at laptop and tablet widths, for a person to look at. */
  async function screenshots(name: string): Promise<void> {
    for (const width of [1280, 820]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it("checks an officer's own workbook, shows each problem by sheet, row and column, imports the valid people, and finds nothing to change the second time", async () => {
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill("xa.anphu");
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await nav("Nhập dữ liệu");
    expect(await page.locator("h1").textContent()).toBe("Nhập dữ liệu từ tệp");
    await screenshots("imports-form");

    const workbook = await hamletWorkbook();
    await checkFile("Danh sách đối tượng", "ds-thang-7.xlsx", workbook);
    const problemRows = await page
      .locator("table.import-errors tbody tr")
      .evaluateAll((rows) =>
        rows.map((r) =>
          Array.from(r.querySelectorAll("td"), (td) => (td.textContent ?? "").replace(/\s+/g, " ").trim()),
        ),
      );
    expect(problemRows.map((r) => r.slice(0, 3))).toEqual([
      ["Thôn Đông", "14", "Diện hưởng (I)"],
      ["Thôn Đông", "15", "Số định danh cá nhân (E)"],
      ["Thôn Đông", "16", "Số định danh cá nhân (E)"],
      ["Thôn Tây", "6", "Ngày sinh / Nam (C)"],
      ["Thôn Tây", "8", "Số định danh cá nhân (E)"],
    ]);
    expect(problemRows[1]!.slice(3)).toEqual([
      "00104500005",
      "Số định danh phải có đúng 12 chữ số; ô này có 11 chữ số.",
    ]);
    expect(problemRows[4]![4]).toBe("Trùng với dòng 11 ở sheet “Thôn Đông”.");
    expect(await page.getByRole("status").textContent()).toBe("Tệp có 5 lỗi. Sửa các lỗi dưới đây rồi tải lên lại.");
    const sheets = ((await page.locator("section.sheets").textContent()) ?? "").replace(/\s+/g, " ");
    expect(sheets).toContain("Sheet “Thôn Đông”: Đã đọc 6 dòng (dòng 11–16), tiêu đề cột ở dòng 8–9.");
    expect(sheets).toContain("Xã theo tiêu đề: Xã An Phú · Kỳ theo tiêu đề: tháng 07/2026");
    expect(sheets).toContain("Cột ẩn, không đọc: Tuổi (F), Số CMND (G)");
    expect(sheets).toContain("Sheet “Tổng hợp”: Bỏ qua không thấy dòng tiêu đề cột");
    expect(await app.prisma.beneficiary.count()).toBe(0);
    await screenshots("imports-errors");

    await page.getByRole("button", { name: "Nhập 6 dòng hợp lệ, bỏ qua dòng lỗi" }).click();
    await page.locator("#report-title").waitFor();
    expect(await page.getByRole("status").textContent()).toBe("Đã nhập xong tệp ds-thang-7.xlsx.");
    expect(await mainText()).toContain("Đã thêm 6 người");
    expect(await app.prisma.beneficiary.count()).toBe(6);
    await screenshots("imports-applied");

    await nav("Đối tượng");
    await page.getByLabel("Họ tên, số cuối định danh hoặc số điện thoại").fill("bui thi khanh");
    await page.getByRole("button", { name: "Tìm" }).click();
    const found = page.locator("table.results tbody tr");
    expect(await found.count()).toBe(1);
    expect(await found.first().textContent()).toContain("Bùi Thị Khánh");

    await nav("Nhập dữ liệu");
    await checkFile("Danh sách đối tượng", "ds-thang-7.xlsx", workbook);
    expect(await mainText()).toContain("6 người không thay đổi");
    expect(await page.getByRole("button", { name: /Nhập .* dòng hợp lệ/ }).count()).toBe(0);
    expect(await app.prisma.beneficiary.count()).toBe(6);
  });

  it("imports the month's payouts, then downloads the commune's payout list and reads it back", async () => {
    const today = todayInVietnam(app.clock.now());
    const [year, month] = today.split("-");
    const payouts: Row[] = [
      [
        1,
        "001150000002",
        "Trần Thị Bình",
        `${month}/${year}`,
        3667000,
        "Tài khoản ngân hàng",
        "Agribank",
        "1234 5678 9012",
        "",
        "",
        "",
        "",
        "",
        "",
      ],
      [
        2,
        "001045000001",
        "Nguyễn Văn An",
        `${month}/${year}`,
        "1.000.000",
        "Tiền mặt",
        "",
        "",
        `05/${month}/${year}`,
        "07:30-11:00",
        "Nhà văn hóa thôn 3",
        "",
        "",
        "",
      ],
    ];
    // Kept on the list with nothing this month: left out, and the page says so.
    const unpaid: Row = [3, "001144000008", "Bùi Thị Khánh", `${month}/${year}`, 0, "Tiền mặt"];
    await nav("Nhập dữ liệu");
    await checkFile("Danh sách chi trả hằng tháng", "chi-tra.xlsx", await xlsx(PAYOUT_HEADER, [...payouts, unpaid]));
    expect(await mainText()).toContain("2 khoản chi trả sẽ được thêm");
    expect(await page.locator("section.sheets").textContent()).toContain(
      "Không chi tháng này (số tiền 0), không nhập: 1 người, dòng 4.",
    );
    await screenshots("imports-payouts");
    await applyButton().click();
    await page.locator("#report-title").waitFor();
    expect(await page.getByRole("status").textContent()).toBe("Đã nhập xong tệp chi-tra.xlsx.");

    await nav("Xuất danh sách");
    expect(await page.locator("h1").textContent()).toBe("Xuất danh sách");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Danh sách chi trả của một kỳ" }) });
    expect(await form.getByLabel("Xã").locator("option:checked").textContent()).toBe("Xã An Phú (00001)");
    expect(await form.getByLabel("Kỳ (tháng)").locator("option:checked").textContent()).toBe(`Tháng ${month}/${year}`);
    await screenshots("exports");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      form.getByRole("button", { name: "Tải danh sách chi trả" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`chi-tra-00001-${year}-${month}.xlsx`);
    const ws = await readSheet(await readFile(await download.path()));
    const rows = [8, 9, 10].map((n) => [2, 3, 5, 6].map((c) => ws.getRow(n).getCell(c).value));
    expect(rows).toEqual([
      ["Nguyễn Văn An", "••••••••0001", 1000000, "Tiền mặt tại điểm chi trả"],
      ["Trần Thị Bình", "••••••••0002", 3667000, "Tài khoản ngân hàng"],
      ["Tổng cộng", null, 4667000, null],
    ]);
  });
});
