import QRCode from "qrcode";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldVietnamese } from "../../src/lib/text.ts";
import { launchBrowser } from "../console/browser.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";

const PW = "mat-khau-dung-1";

describe("printing link codes from the console", () => {
  let app: TestApp;
  let world: World;
  let officer: SignedIn;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    world = await seedWorld(app.prisma);
    for (const [fullName, personalId, address] of [
      ["Lê Văn Tám", "001140000888", "Xóm Đình, thôn 2"],
      ["Hoàng Thị Năm", "001140000555", null],
    ] as const) {
      await app.prisma.beneficiary.create({
        data: {
          personalId,
          personalIdLast4: personalId.slice(-4),
          fullName,
          fullNameAscii: foldVietnamese(fullName),
          dateOfBirth: new Date("1941-02-03T00:00:00Z"),
          sex: "MALE",
          communeId: world.communes.a,
          programme: "BTXH",
          address,
        },
      });
    }
    await createStaff(app.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
      fullName: "Lê Văn Tâm",
    });
    await createStaff(app.prisma, { username: "tongdai", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["901"] });
    officer = await signIn(app.url, "xa.hoaan", PW);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const post = (who: SignedIn, fields: Record<string, string>) =>
    fetch(`${app.url}/console/link-codes`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams({ _csrf: who.csrfToken, ...fields }),
    });

  it("the sheets carry each person's name, masked ID, code and a QR code that opens the web chat with the code", async () => {
    const res = await post(officer, { communeId: world.communes.a, onlyUnlinked: "1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const page = await res.text();
    const codes = await app.prisma.linkCode.findMany({
      where: { communeId: world.communes.a },
      include: { beneficiary: true },
    });
    // Nguyễn Thị Đào is followed by her daughter's chat and Phạm Văn An is suspended: no sheets.
    expect(codes.map((c) => c.beneficiary.fullName).sort()).toEqual(["Hoàng Thị Năm", "Lê Văn Tám"]);
    expect(page.match(/<section class="sheet"/g)).toHaveLength(2);
    expect(page).not.toContain("Nguyễn Thị Đào");
    expect(page).toContain("••••••••0888");
    expect(page).not.toContain("001140000888");
    expect(page).toContain("Xóm Đình, thôn 2, Xã Hòa An");
    expect(page).toContain("Mở Zalo hoặc Telegram, tìm “An Sinh Bot”.");
    for (const c of codes) {
      expect(page).toContain(`${c.code.slice(0, 4)}-${c.code.slice(4)}`);
      // The QR code on the sheet is exactly the one for the web-chat address with this code.
      const expected = await QRCode.toString(`${app.url}/chat?code=${c.code}`, {
        type: "svg",
        errorCorrectionLevel: "M",
        margin: 2,
      });
      expect(page).toContain(expected);
    }
    expect(page).toContain("quét mã QR để vào trang trò chuyện");
  });

  it("an officer can neither see nor print the codes of another commune; hotline agents cannot print at all", async () => {
    const form = await fetch(`${app.url}/console/link-codes`, { headers: { cookie: officer.cookie } });
    const html = await form.text();
    expect(html).toContain("Xã Hòa An");
    expect(html).not.toContain("Phường Đông Ba");
    expect(html).not.toContain("Xã Thủy Xuân");

    const other = await post(officer, { communeId: world.communes.c, onlyUnlinked: "1" });
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain("Nguyễn Thị Cúc");
    expect(await app.prisma.linkCode.count({ where: { communeId: world.communes.c } })).toBe(0);

    const withoutToken = await fetch(`${app.url}/console/link-codes`, {
      method: "POST",
      headers: { cookie: officer.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ communeId: world.communes.a }),
    });
    expect(withoutToken.status).toBe(403);

    const agent = await signIn(app.url, "tongdai", PW);
    expect((await fetch(`${app.url}/console/link-codes`, { headers: { cookie: agent.cookie } })).status).toBe(403);
    expect((await post(agent, { communeId: world.communes.a })).status).toBe(403);
  });

  it("with a Telegram bot configured, the QR code opens the bot with the code as its start parameter", async () => {
    const tg = await startTestApp({ env: { TELEGRAM_BOT_USERNAME: "AnSinhThuBot" } });
    try {
      const w = await seedWorld(tg.prisma);
      await createStaff(tg.prisma, { username: "admin", password: PW, role: "ADMIN" });
      const admin = await signIn(tg.url, "admin", PW);
      const res = await fetch(`${tg.url}/console/link-codes`, {
        method: "POST",
        headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: admin.csrfToken, communeId: w.communes.b, onlyUnlinked: "1" }),
      });
      const page = await res.text();
      const code = await tg.prisma.linkCode.findFirstOrThrow({ where: { beneficiaryId: w.people.binh } });
      expect(page).toContain(
        await QRCode.toString(`https://t.me/AnSinhThuBot?start=${code.code}`, {
          type: "svg",
          errorCorrectionLevel: "M",
          margin: 2,
        }),
      );
      expect(page).toContain("quét mã QR để vào thẳng Telegram");
    } finally {
      await tg.close();
    }
  });

  it("in a browser the officer opens the page from the menu and prints one A4 page per person, without the toolbar", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/console/login`);
      await page.getByLabel("Tên đăng nhập").fill("xa.hoaan");
      await page.getByLabel("Mật khẩu").fill(PW);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("link", { name: "Mã liên kết" }).click();
      expect(await page.locator("h1").textContent()).toBe("Mã liên kết");
      await page.getByLabel("Chỉ những người chưa liên kết trò chuyện").uncheck();
      await page.getByRole("button", { name: "Tạo mã và mở trang in" }).click();

      expect(await page.locator("h1").textContent()).toBe("Phiếu mã liên kết — Xã Hòa An");
      const sheets = page.locator("section.sheet");
      expect(await sheets.count()).toBe(3);
      expect(await page.locator("#sheet-summary").textContent()).toMatch(
        /^3 phiếu \([0-3] mã mới, [0-3] mã in lại\)\. Mã dùng được đến hết ngày \d\d\/\d\d\/\d{4}\.$/,
      );
      expect(await app.prisma.linkCode.count({ where: { communeId: world.communes.a } })).toBe(3);
      expect(await sheets.locator(".person").allTextContents()).toEqual([
        "Hoàng Thị Năm",
        "Lê Văn Tám",
        "Nguyễn Thị Đào",
      ]);
      expect(await sheets.first().locator(".qr svg").count()).toBe(1);
      expect(await page.getByRole("button", { name: "In phiếu" }).isVisible()).toBe(true);
      // The code is large enough for weak eyes: at least 50 CSS pixels tall on screen.
      const codeBox = await sheets.first().locator(".code").boundingBox();
      expect(codeBox?.height).toBeGreaterThan(50);
      await page.screenshot({ path: "test-results/link-codes-screen.png", fullPage: true });

      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".toolbar").isVisible()).toBe(false);
      await page.setViewportSize({ width: 794, height: 1123 });
      await sheets.first().screenshot({ path: "test-results/link-codes-print-a4.png" });
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages).toHaveLength(3);
    } finally {
      await context.close();
    }
  });
});
