import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fireCampaigns } from "../../src/features/broadcasts/campaignFire.ts";
import { launchBrowser } from "../console/browser.ts";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { eight, PASSWORD, seedCampaignWorld } from "./campaignWorld.ts";

describe("an officer sets up a campaign in the browser", () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set(eight("2026-06-28", "10:00"));
    await seedCampaignWorld(app.prisma);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("previews who the next send reaches and the message in both languages, saves, and later sees the send with its report", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill("xa.hoaan");
    await page.getByLabel("Mật khẩu").fill(PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Chiến dịch", exact: true }).click();
    expect(await page.locator("h1").textContent()).toBe("Chiến dịch tự động");
    await page.getByRole("link", { name: "Tạo chiến dịch" }).click();

    await page.getByLabel("Tên chiến dịch").fill("Nhắc trước ngày chi trả 3 ngày");
    await page.getByLabel("Số ngày trước ngày chi trả", { exact: true }).fill("3");
    // The officer's only commune is already ticked.
    expect(await page.getByRole("checkbox", { name: "Xã Hòa An" }).isChecked()).toBe(true);
    await page
      .getByLabel("Tiếng Việt", { exact: true })
      .fill("Kính gửi {ho_ten}: ngày {ngay} bác nhận {so_tien} tại {dia_diem}.");
    await page.getByLabel("Tiếng Anh (không bắt buộc)").fill("Dear {name}: on {date} you receive {amount} at {place}.");
    expect(await page.getByRole("button", { name: "Lưu chiến dịch" }).count()).toBe(0);
    await page.getByRole("button", { name: "Xem trước" }).click();

    expect(await page.locator("#next-fire-count").textContent()).toBe(
      "Lần gửi tới: 29/06/2026 lúc 08:00, đến 1 người.",
    );
    expect(await page.locator("#preview-vi").textContent()).toBe(
      "Kính gửi Nguyễn Thị Lan: ngày 02/07/2026 bác nhận 750.000 đ tại Nhà văn hóa thôn 1, Thôn 1, Xã Hòa An.",
    );
    expect(await page.locator("#preview-en").textContent()).toContain("Dear Nguyễn Thị Lan: on 02/07/2026 you receive");
    await page.screenshot({ path: "test-results/campaign-preview.png", fullPage: true });

    await page.getByRole("button", { name: "Lưu chiến dịch" }).click();
    expect(await page.locator(".flash.ok").textContent()).toBe("Đã lưu chiến dịch.");
    expect(await page.locator("h1").textContent()).toBe("Nhắc trước ngày chi trả 3 ngày");
    expect(await page.locator("dl.facts").textContent()).toContain("Đang chạy");
    expect(await page.locator("dl.facts").textContent()).toContain("3 ngày trước ngày chi trả");

    // The next morning it fires; the page lists the send with the link to its report. On 1 July
    // nobody's payout is 3 days ahead: that day is not listed, only said.
    await fireCampaigns({ prisma: app.prisma }, eight("2026-06-29"));
    await fireCampaigns({ prisma: app.prisma }, eight("2026-07-01"));
    await page.reload();
    const fire = page.locator("table.fires tbody tr");
    expect(await fire.count()).toBe(1);
    expect(await fire.first().textContent()).toContain("29/06/2026");
    expect(await fire.first().getByRole("link", { name: "Xem kết quả" }).getAttribute("href")).toMatch(
      /^\/console\/broadcasts\/[0-9a-f-]+$/,
    );
    expect(await page.locator("#quiet-day").textContent()).toBe(
      "Lần kiểm tra gần nhất (01/07/2026): không có ai đến hạn.",
    );
    await page.screenshot({ path: "test-results/campaign-detail.png", fullPage: true });
    await context.close();
  });
});
