import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { launchBrowser } from "../console/browser.ts";
import { seedReachWorld, type ReachWorld } from "./reachWorld.ts";

const PW = "mat-khau-dung-1";

describe("the reach page of the staff console", () => {
  let app: TestApp;
  let world: ReachWorld;
  let officerA: SignedIn;
  let province: SignedIn;
  let hotline: SignedIn;

  beforeAll(async () => {
    app = await startTestApp({ clock: undefined });
    app.clock.set(new Date("2026-07-15T03:00:00Z"));
    world = await seedReachWorld(app.prisma);
    await createStaff(app.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: [world.codes.a],
      fullName: "Lê Văn Tâm",
    });
    await createStaff(app.prisma, {
      username: "tinh",
      password: PW,
      role: "PROVINCE_OFFICER",
      provinceCodes: [world.codes.province],
    });
    await createStaff(app.prisma, {
      username: "tongdai",
      password: PW,
      role: "HOTLINE_AGENT",
      provinceCodes: [world.codes.province],
    });
    officerA = await signIn(app.url, "xa.hoaan", PW);
    province = await signIn(app.url, "tinh", PW);
    hotline = await signIn(app.url, "tongdai", PW);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, who: SignedIn) =>
    fetch(`${app.url}${path}`, { headers: { cookie: who.cookie }, redirect: "manual" });

  it("shows a commune officer the counts and the visit list of their commune only", async () => {
    const res = await get("/console/reach", officerA);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Xã Hòa An");
    expect(page).not.toContain("Phường Đông Ba");
    expect(page).not.toContain("Đặng Thị Lan");
    expect(page).toContain("Hồ Thị Em");
    expect(page).toContain("••••••0003");
    expect(page).not.toContain("0988000003");
    expect(page).toContain("Cần đến thăm: 3 người");
  });

  it("answers a commune outside the officer's area as unknown, and keeps hotline agents out", async () => {
    expect((await get(`/console/reach?communeId=${world.communes.b}`, officerA)).status).toBe(404);
    expect((await get(`/console/reach/export?communeId=${world.communes.b}`, officerA)).status).toBe(404);
    expect((await get("/console/reach", hotline)).status).toBe(403);
  });

  it("shows a province officer every commune of the province with the totals, and not the other province", async () => {
    const page = await (await get("/console/reach", province)).text();
    expect(page).toContain("Phường Đông Ba");
    expect(page).toContain("Xã Hòa An");
    expect(page).not.toContain("Xã Thủy Xuân");
    expect(page).toContain("Cần đến thăm: 4 người");
    const narrowed = await (await get(`/console/reach?communeId=${world.communes.b}&lang=en`, province)).text();
    expect(narrowed).toContain("To visit: 1 people");
  });

  it("downloads the counts and the visit list as an Excel file, and the download is audited", async () => {
    const res = await get("/console/reach/export", province);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const [summary, visits] = workbook.worksheets;
    const rows = (ws: ExcelJS.Worksheet | undefined) =>
      (ws?.getSheetValues() ?? []).filter(Boolean).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows(summary).slice(1)).toEqual([
      ["Phường Đông Ba (93102)", 2, 0, 1, 0, 1, 0],
      ["Xã Hòa An (93101)", 6, 2, 1, 2, 1, 1],
      // The officer switched the console to English above: the file follows.
      ["Total", 8, 2, 2, 2, 2, 1],
    ]);
    expect(
      rows(visits)
        .slice(1)
        .map((r) => [r[1], r[3]]),
    ).toEqual([
      ["Đặng Thị Lan", undefined],
      ["Hồ Thị Em", "••••••0003"],
      ["Phạm Văn Dũng", "••••••0002"],
      ["Võ Thị Giang", undefined],
    ]);
    expect(await app.prisma.auditLog.count({ where: { action: "export.reach", actor: "tinh" } })).toBe(1);
  });

  describe("in a browser", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("an officer opens Liên lạc from the menu and sees the table and whom to visit", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
      const page = await context.newPage();
      await page.goto(`${app.url}/console/login`);
      await page.getByLabel("Tên đăng nhập").fill("xa.hoaan");
      await page.getByLabel("Mật khẩu").fill(PW);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("link", { name: "Liên lạc", exact: true }).click();
      expect(await page.locator("h1").textContent()).toBe("Liên lạc với đối tượng");
      const totals = page.locator("table.reach tbody tr").last();
      expect(await totals.textContent()).toContain("Tổng cộng");
      expect(await page.locator("table.visits tbody tr").count()).toBe(3);
      // Every column fits on an office screen: no sideways scrolling.
      const wrap = page.locator(".table-wrap").first();
      expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await page.screenshot({ path: "test-results/console-reach-1280.png", fullPage: true });
      await page.getByRole("link", { name: "Hồ Thị Em" }).click();
      expect(await page.locator("h1").textContent()).toBe("Hồ Thị Em");
      await context.close();
    });
  });
});
