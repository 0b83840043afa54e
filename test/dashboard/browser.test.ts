import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../console/browser.ts";
import { createStaff, startTestApp, type TestApp } from "../helpers/app.ts";
import { recountDashboard } from "../../src/features/dashboard/recountJob.ts";
import { NOW, seedDashboardWorld } from "./world.ts";

const PW = "mat-khau-dung-1";

describe("the results dashboard in a browser", () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({});
    app.clock.set(NOW);
    const world = await seedDashboardWorld(app.prisma);
    await recountDashboard(app.prisma, NOW);
    await createStaff(app.prisma, {
      username: "tinh",
      password: PW,
      role: "PROVINCE_OFFICER",
      provinceCodes: [world.codes.province],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("a province officer opens Kết quả from the menu, sees the figures and the charts, and follows a figure to its list", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill("tinh");
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Kết quả", exact: true }).click();
    expect(await page.locator("h1").textContent()).toBe("Bảng kết quả");
    expect(await page.locator('.stat[data-figure="accountPaid"] .stat-num').textContent()).toBe("60%");
    expect(await page.locator('.stat[data-figure="accountPaid"] .stat-sub').textContent()).toBe("3 trên 5 khoản chi");
    // One bar per commune in each chart, drawn (not empty), and twelve-month columns.
    const shareBars = page.locator("svg.bars").first().locator("rect.account");
    expect(await shareBars.count()).toBe(2);
    expect(Number(await shareBars.first().getAttribute("width"))).toBeGreaterThan(0);
    expect(await page.locator("svg.bars").nth(1).locator("rect.none").count()).toBe(2);
    expect(await page.locator("svg.columns").count()).toBe(4);
    expect(await page.locator('.stat[data-figure="broadcastSent"] .stat-num').textContent()).toBe("4");
    expect(await page.locator('.stat[data-figure="broadcastSent"] .stat-sub').textContent()).toBe(
      "1 lỗi · 2 không liên lạc được hoặc đã tắt thông báo",
    );
    expect(await page.locator("svg.columns").first().locator("rect.account").count()).toBe(3);
    // The commune behind is marked, and nothing is wider than an office screen.
    expect(await page.locator("table.dashboard-payouts tbody tr").first().textContent()).toContain("Chậm");
    const overflow = await page.evaluate(
      () =>
        document.documentElement.scrollWidth > window.innerWidth ||
        Array.from(document.querySelectorAll(".table-wrap")).some((w) => w.scrollWidth > w.clientWidth),
    );
    expect(overflow).toBe(false);
    await page.screenshot({ path: "test-results/console-dashboard-1280.png", fullPage: true });

    await page.locator("table.dashboard-payouts tbody tr").last().getByRole("link", { name: "2", exact: true }).click();
    expect(await page.locator("h1").textContent()).toContain("Khoản chưa nhận");
    expect(await page.locator("table.dashboard-list tbody tr").count()).toBe(2);
    expect(await page.locator(".list-count").textContent()).toBe("Số dòng: 2");
    await page.screenshot({ path: "test-results/console-dashboard-list-1280.png", fullPage: true });
    await context.close();
  });
});
