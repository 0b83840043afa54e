// The broadcasts page in a real browser: an officer picks the people, previews the message in both
// languages as a real person would get it, schedules it, and when its time comes watches the bar
// fill to 100% without reloading; the report's figures match what the chat platform and the SMS
// gateway received, and the results dashboard, counted again, shows the same figure.
import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../console/browser.ts";
import { createStaff } from "../helpers/app.ts";
import { PW, startBroadcastHarness, type BroadcastHarness } from "./harness.ts";

const SHOTS = "/tmp/shots";

describe("the broadcasts console", () => {
  let h: BroadcastHarness;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    // Hòa An's six people go without approval; seven need a second officer.
    h = await startBroadcastHarness({ BROADCAST_APPROVAL_THRESHOLD: "6" });
    await mkdir(SHOTS, { recursive: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("builds a segment, previews it in both languages, schedules it and follows it to the end", async () => {
    await page.goto(`${h.app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill("canbo.hoa");
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Tin nhắn", exact: true }).click();
    await page.getByRole("link", { name: "Soạn tin nhắn mới" }).click();

    // Only the officer's own commune is offered.
    expect(await page.locator('input[name="communeIds"]').count()).toBe(1);
    await page.getByLabel("Xã Hòa An · Tỉnh Thông Báo").check();
    await page.getByLabel("Tiêu đề (chỉ cán bộ thấy)").fill("Lịch nhận tiền tháng 7");
    await page
      .getByLabel("Nội dung tiếng Việt")
      .fill("Kính gửi bác {ho_ten}: tháng này bác nhận {so_tien} ngày {ngay}.");
    await page
      .getByLabel("Nội dung tiếng Anh (không bắt buộc)")
      .fill("Dear {name}: this month you get {amount} on {date}.");
    await page.getByLabel("Hẹn giờ gửi").check();
    await page.getByLabel("Thời điểm gửi").fill("2026-07-15T10:30");
    await page.getByRole("button", { name: "Xem trước" }).click();

    await expect.poll(() => page.locator("#preview-count").innerText()).toBe("6");
    const sample = await page.locator("#preview strong").nth(1).innerText();
    const vi = await page.locator("#preview-vi").innerText();
    const en = await page.locator("#preview-en").innerText();
    expect(vi).toMatch(new RegExp(`^Kính gửi bác ${sample}: tháng này bác nhận [\\d.]+ đ ngày \\d\\d/07/2026\\.$`));
    expect(en).toMatch(new RegExp(`^Dear ${sample}: this month you get [\\d,]+ VND on \\d\\d/07/2026\\.$`));
    await page.screenshot({ path: `${SHOTS}/broadcasts-1-preview.png`, fullPage: true });

    await page.getByRole("button", { name: "Lên lịch gửi" }).click();
    await expect.poll(() => page.locator("#status").innerText()).toBe("Đã lên lịch");
    expect(await page.locator("#progress-bar").getAttribute("value")).toBe("0");
    expect(h.telegram.sentMessages()).toHaveLength(0);
    // The results dashboard, open in another tab, counts the month before anything is sent.
    const early = await page.context().newPage();
    await early.goto(`${h.app.url}/console/dashboard`);
    expect(await early.locator('.stat[data-figure="broadcastSent"] .stat-num').innerText()).toBe("0");
    await early.close();

    // 10:31: the job finds it due. The page follows by itself.
    await h.fire(new Date("2026-07-15T03:31:00.000Z"));
    await expect.poll(() => page.locator("#progress-bar").getAttribute("value"), { timeout: 20_000 }).toBe("100");
    await expect.poll(() => page.locator("#status").innerText(), { timeout: 10_000 }).toBe("Đã gửi xong");
    const figure = (k: string) => page.locator(`[data-figure="${k}"] .stat-num`).innerText();
    expect(await figure("total")).toBe("6");
    expect(await figure("sent")).toBe("4");
    expect(await figure("optedOut")).toBe("1");
    expect(await figure("unreachable")).toBe("1");
    expect(await figure("failed")).toBe("0");
    expect(await figure("cancelled")).toBe("0");
    const reportSent = await figure("sent");
    expect(await page.locator("#unreachable-by").innerText()).toContain("Không có kênh liên lạc");
    await page.screenshot({ path: `${SHOTS}/broadcasts-2-report.png`, fullPage: true });

    // What the platforms received matches the report: three chats and one SMS.
    const w = h.world;
    const chats = h.telegram
      .sentMessages()
      .map((m) => m.chatId)
      .sort();
    expect(chats).toEqual([w.chatIds.ann, w.chatIds.binh, w.chatIds.giang]);
    expect(h.telegram.sentMessages(w.chatIds.ann)[0]?.text).toBe(
      "Kính gửi bác Nguyễn Thị Ánh: tháng này bác nhận 750.000 đ ngày 20/07/2026.",
    );
    expect(h.telegram.sentMessages(w.chatIds.binh)[0]?.text).toBe(
      "Dear Trần Văn Bình: this month you get 500,000 VND on 05/07/2026.",
    );
    expect(h.phones.delivered.map((m) => m.phone)).toEqual(["84912000004"]);

    await page.getByRole("link", { name: "Danh sách tin nhắn" }).click();
    expect(await page.locator("table.broadcasts tbody tr").innerText()).toContain("Đã gửi xong");
    await page.screenshot({ path: `${SHOTS}/broadcasts-3-list.png`, fullPage: true });

    // The dashboard keeps the count made before the send until it is counted again.
    await page.getByRole("link", { name: "Kết quả", exact: true }).click();
    const delivered = page.locator('.stat[data-figure="broadcastSent"]');
    expect(await delivered.locator(".stat-num").innerText()).toBe("0");
    await page.getByRole("button", { name: "Tính lại ngay" }).click();
    await expect.poll(() => delivered.locator(".stat-num").innerText()).toBe(reportSent);
    expect(await delivered.locator(".stat-sub").innerText()).toBe(
      "0 lỗi · 2 không liên lạc được hoặc đã tắt thông báo",
    );
    expect(await page.locator("table.dashboard-broadcasts").innerText()).toContain("Xã Hòa An");
    await page.screenshot({ path: `${SHOTS}/broadcasts-5-dashboard.png`, fullPage: true });
    // The figure leads to the people it counts, with the broadcast's title.
    await delivered.click();
    expect(await page.locator(".list-count").innerText()).toBe(`Số dòng: ${reportSent}`);
    const rows = page.locator("table.dashboard-list tbody tr");
    expect(await rows.count()).toBe(Number(reportSent));
    expect(await rows.first().innerText()).toContain("Lịch nhận tiền tháng 7");
  });

  it("in English: a send above the threshold waits, and a second officer approves it from the page", async () => {
    await createStaff(h.app.prisma, {
      username: "quantri",
      password: PW,
      role: "ADMIN",
      fullName: "Admin Một",
      locale: "en",
    });
    const signInAs = async (username: string) => {
      await page.goto(`${h.app.url}/console/login?lang=en`);
      await page.getByLabel("Username").fill(username);
      await page.getByLabel("Password").fill(PW);
      await page.getByRole("button", { name: "Sign in" }).click();
    };
    await page
      .getByRole("button", { name: "Sign out" })
      .or(page.getByRole("button", { name: "Đăng xuất" }))
      .click();
    await signInAs("canbo.tinh");
    await page.goto(`${h.app.url}/console/broadcasts/new?lang=en`);
    // The province officer is offered every commune of the province, not the other province's.
    expect(await page.locator('input[name="communeIds"]').count()).toBe(2);
    await page.getByLabel("Xã Hòa An · Tỉnh Thông Báo").check();
    await page.getByLabel("Phường Đông Ba · Tỉnh Thông Báo").check();
    await page.getByLabel("Title (seen by staff only)").fill("Meeting");
    await page.getByLabel("Vietnamese text").fill("Kính mời bác {ho_ten} dự họp.");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => page.locator("#preview-count").innerText()).toBe("7");
    expect(await page.locator("#preview").innerText()).toContain("another officer must approve it");
    expect(await page.locator("#preview").innerText()).toContain("no English text");
    await page.getByRole("button", { name: "Send now" }).click();
    await expect.poll(() => page.locator("#status").innerText()).toBe("Awaiting approval");
    expect(await page.locator("#own-approval").innerText()).toContain("you cannot approve it");
    expect(await page.getByRole("button", { name: "Approve and send" }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/broadcasts-4-awaiting.png`, fullPage: true });
    const url = page.url().replace(/\?.*$/, "");

    await page.getByRole("button", { name: "Sign out" }).click();
    await signInAs("quantri");
    await page.goto(url);
    await page.getByRole("button", { name: "Approve and send" }).click();
    await expect.poll(() => page.locator("#progress-bar").getAttribute("value"), { timeout: 20_000 }).toBe("100");
    await expect.poll(() => page.locator("#status").innerText(), { timeout: 10_000 }).toBe("Done");
    expect(await page.locator('[data-figure="sent"] .stat-num').innerText()).toBe("5");
    await h.telegram.waitForMessages(h.world.chatIds.khoa, 1);
    expect(h.telegram.sentMessages(h.world.chatIds.khoa)[0]?.text).toBe("Kính mời bác Bùi Văn Khoa dự họp.");
  });
});
