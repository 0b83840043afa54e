import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "../../src/lib/calendarDate.ts";
import { launchBrowser } from "../console/browser.ts";
import { createStaff, startTestApp, type TestApp } from "../helpers/app.ts";
import { BENEFICIARY_HEADER, date, readSheet, seedPlaces, xlsx, type Row } from "./fixtures.ts";

const PW = "mat-khau-dung-1";
const PAYOUT_HEADER = ["STT", "Số định danh", "Họ và tên", "Kỳ", "Số tiền", "Hình thức", "Ngân hàng", "Số tài khoản", "Ngày chi trả", "Khung giờ", "Điểm chi trả", "Trạng thái", "Người nhận thay", "Ghi chú"];

const people = (binhSex: string, cuongPhone: string): Row[] => [
  [1, "Nguyễn Văn An", "001045000001", date("1945-03-01"), "Nam", "", "Thôn 3", "00001", "BTXH", "BTXH_OLD_80", ""],
  [2, "Trần Thị Bình", "001150000002", date("1950-05-02"), binhSex, "", "Thôn 1", "00001", "NCC", "NCC_WAR_INVALID:41", ""],
  [3, "Lê Văn Cường", "001060000003", date("1960-12-31"), "Nam", cuongPhone, "Thôn 2", "00001", "BTXH", "BTXH_SEVERE_DISABILITY_ADULT", ""],
  [4, "Phạm Thị Dung", "001155000004", date("1955-08-20"), "Nữ", "", "Thôn 4", "00001", "BTXH", "BTXH_OLD_60_80_POOR", ""],
];

// One officer's afternoon, in order: the second test goes on from where the first left off.
describe("an officer imports and exports lists in the console", () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp();
    await seedPlaces(app.prisma);
    await createStaff(app.prisma, { username: "xa.anphu", password: PW, role: "COMMUNE_OFFICER", communeCodes: ["00001"], fullName: "Lê Văn Tâm" });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", acceptDownloads: true });
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
    await page.getByLabel("Tệp", { exact: true }).setInputFiles({ name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: data });
    await page.getByRole("button", { name: "Kiểm tra trước" }).click();
    await page.locator("#report-title").waitFor();
  }
  /** Full-page screenshots at laptop and tablet widths, for a person to look at. */
  async function screenshots(name: string): Promise<void> {
    for (const width of [1280, 820]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it("checks a list with two broken rows, imports it once fixed, and finds nothing to change the second time", async () => {
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill("xa.anphu");
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await nav("Nhập dữ liệu");
    expect(await page.locator("h1").textContent()).toBe("Nhập dữ liệu từ tệp");
    await screenshots("imports-form");

    await checkFile("Danh sách đối tượng", "doi-tuong.xlsx", await xlsx(BENEFICIARY_HEADER, people("Nam", "0123")));
    const errorRows = await page.locator("table.import-errors tbody tr").evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll("td"), (td) => td.textContent?.trim())),
    );
    expect(errorRows).toEqual([
      ["3", "Số định danh", "Chữ số thứ 4 của số định danh không khớp với giới tính."],
      ["4", "Số điện thoại", "Không phải số di động Việt Nam hợp lệ (10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)."],
    ]);
    expect(await page.getByRole("status").textContent()).toBe("Tệp có 2 lỗi. Sửa các lỗi dưới đây rồi tải lên lại.");
    expect(await applyButton().count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Tải lên tệp đã sửa" }).count()).toBe(1);
    await screenshots("imports-errors");

    const fixed = await xlsx(BENEFICIARY_HEADER, people("Nữ", "0912345678"));
    await checkFile("Danh sách đối tượng", "doi-tuong.xlsx", fixed);
    expect(await mainText()).toContain("4 người sẽ được thêm");
    expect(await app.prisma.beneficiary.count()).toBe(0);
    await screenshots("imports-ready");
    await applyButton().click();
    expect(await page.getByRole("status").textContent()).toBe("Đã nhập xong tệp doi-tuong.xlsx.");
    expect(await mainText()).toContain("Đã thêm 4 người");

    await nav("Đối tượng");
    await page.getByLabel("Họ tên, số cuối định danh hoặc số điện thoại").fill("pham thi dung");
    await page.getByRole("button", { name: "Tìm" }).click();
    const found = page.locator("table.results tbody tr");
    expect(await found.count()).toBe(1);
    expect(await found.first().textContent()).toContain("Phạm Thị Dung");

    await nav("Nhập dữ liệu");
    await checkFile("Danh sách đối tượng", "doi-tuong.xlsx", fixed);
    expect(await mainText()).toContain("Không có gì thay đổi so với dữ liệu hiện có");
    expect(await applyButton().count()).toBe(0);
    expect(await app.prisma.beneficiary.count()).toBe(4);
  });

  it("imports the month's payouts, then downloads the commune's payout list and reads it back", async () => {
    const today = todayInVietnam(app.clock.now());
    const [year, month] = today.split("-");
    const payouts: Row[] = [
      [1, "001150000002", "Trần Thị Bình", `${month}/${year}`, 3667000, "Tài khoản ngân hàng", "Agribank", "1234 5678 9012", "", "", "", "", "", ""],
      [2, "001045000001", "Nguyễn Văn An", `${month}/${year}`, "1.000.000", "Tiền mặt", "", "", `05/${month}/${year}`, "07:30-11:00", "Nhà văn hóa thôn 3", "", "", ""],
    ];
    await nav("Nhập dữ liệu");
    await checkFile("Danh sách chi trả hằng tháng", "chi-tra.xlsx", await xlsx(PAYOUT_HEADER, payouts));
    expect(await mainText()).toContain("2 khoản chi trả sẽ được thêm");
    await applyButton().click();
    expect(await page.getByRole("status").textContent()).toBe("Đã nhập xong tệp chi-tra.xlsx.");

    await nav("Xuất danh sách");
    expect(await page.locator("h1").textContent()).toBe("Xuất danh sách");
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Danh sách chi trả của một kỳ" }) });
    expect(await form.getByLabel("Xã").locator("option:checked").textContent()).toBe("Xã An Phú (00001)");
    expect(await form.getByLabel("Kỳ (tháng)").locator("option:checked").textContent()).toBe(`Tháng ${month}/${year}`);
    await screenshots("exports");
    const [download] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Tải danh sách chi trả" }).click()]);
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
