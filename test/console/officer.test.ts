import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStaff, startTestApp, type TestApp } from "../helpers/app.ts";
import { launchBrowser } from "./browser.ts";
import { seedWorld, type World } from "./fixtures.ts";

const PW = "mat-khau-dung-1";
const MINUTE = 60_000;

describe("the staff console in a browser", () => {
  let app: TestApp;
  let world: World;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_MAX_FAILURES: "3", SESSION_IDLE_MINUTES: "30" } });
    world = await seedWorld(app.prisma);
    await createStaff(app.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
      fullName: "Lê Văn Tâm",
    });
    await createStaff(app.prisma, {
      username: "xa.dongba",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90102"],
      fullName: "Hồ Thị Lan",
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function logIn(username: string, password = PW): Promise<void> {
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
  }

  it("an officer finds a person by a name typed without diacritics, opens the record and sees the view in the audit log", async () => {
    await logIn("xa.hoaan");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Tổng quan");
    await page.getByRole("link", { name: "Đối tượng", exact: true }).click();
    await page.getByLabel("Họ tên, số cuối định danh hoặc số điện thoại").fill("nguyen thi dao");
    await page.getByRole("button", { name: "Tìm" }).click();
    const rows = page.locator("table.results tbody tr");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("••••••••3456");
    expect(await rows.first().textContent()).toContain("09/05/1940");
    expect(await rows.first().textContent()).toContain("Tài khoản ngân hàng");

    await page.getByRole("link", { name: "Nguyễn Thị Đào" }).click();
    expect(await page.locator("h1").textContent()).toBe("Nguyễn Thị Đào");
    expect(await page.locator("#personal-id").textContent()).toBe("••••••••3456");
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).not.toContain("001140123456");
    expect(body).toContain("1.250.000 đ");
    expect(body).toContain("Lê Thị Hoa");
    expect(body).toContain("Đang hiệu lực");
    await page.screenshot({ path: "test-results/console-detail-1280.png", fullPage: true });

    await page.getByRole("button", { name: "Hiện số định danh" }).click();
    expect(await page.locator("#personal-id").textContent()).toBe("001140123456");

    await page.getByRole("link", { name: "Nhật ký" }).click();
    const audit = page.locator("table.audit tbody tr");
    expect(await audit.first().textContent()).toContain("Xem số định danh đầy đủ");
    expect(await audit.nth(1).textContent()).toContain("Xem hồ sơ");
    expect(await audit.nth(1).textContent()).toContain("Nguyễn Thị Đào");
  });

  it("a commune officer cannot find or open a person of another commune", async () => {
    await logIn("xa.dongba");
    await page.goto(`${app.url}/console/beneficiaries?q=dao`);
    expect(await page.locator("#result-count").textContent()).toContain("0");
    const res = await page.goto(`${app.url}/console/beneficiaries/${world.people.dao}`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent("body")).toContain("Không tìm thấy trang hoặc hồ sơ này.");
    const api = await page.request.get(`${app.url}/api/beneficiaries/${world.people.dao}`);
    expect(api.status()).toBe(404);
  });

  it("after a few wrong passwords the form asks to wait, and signing in works once the wait is over", async () => {
    await createStaff(app.prisma, {
      username: "quen.mk",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
    });
    // Three free tries, then each waits out the delay asked for (1 s, 2 s, 4 s): the next asks for 8 s.
    for (const wait of [0, 0, 0, 1100, 2100, 4100]) {
      app.clock.advance(wait);
      await logIn("quen.mk", "khong-dung");
      expect(await page.getByRole("alert").textContent()).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
    }
    await logIn("quen.mk");
    expect(await page.getByRole("alert").textContent()).toContain("Vui lòng chờ");
    app.clock.advance(MINUTE);
    await logIn("quen.mk");
    expect(await page.locator("h1").textContent()).toBe("Tổng quan");
  });

  it("a form posted without its CSRF token is refused", async () => {
    await logIn("xa.hoaan");
    await page.goto(`${app.url}/console/beneficiaries/${world.people.dao}`);
    await page.locator("form.reveal input[name=_csrf]").evaluate((el) => el.remove());
    const [response] = await Promise.all([
      page.waitForResponse(/\/reveal$/),
      page.getByRole("button", { name: "Hiện số định danh" }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await page.textContent("body")).not.toContain("001140123456");
  });

  it("a session expires after the idle time and the officer is sent back to sign in", async () => {
    await logIn("xa.hoaan");
    await page.goto(`${app.url}/console/beneficiaries`);
    app.clock.advance(31 * MINUTE);
    await page.goto(`${app.url}/console/beneficiaries?q=dao`);
    expect(new URL(page.url()).pathname).toBe("/console/login");
    await page.getByLabel("Tên đăng nhập").fill("xa.hoaan");
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    expect(new URL(page.url()).search).toBe("?q=dao");
    expect(await page.locator("table.results tbody tr").count()).toBe(1);
  });

  it("switches to English", async () => {
    await logIn("xa.hoaan");
    await page.goto(`${app.url}/console/beneficiaries?q=dao`);
    await page.getByRole("link", { name: "English" }).click();
    expect(await page.locator("h1").textContent()).toBe("Beneficiaries");
    expect(await page.getByLabel("Name, last digits of the personal ID, or phone").inputValue()).toBe("dao");
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole("link", { name: "Nguyễn Thị Đào" }).click();
    expect(await page.textContent("main")).toContain("Payout history");
    expect(await page.textContent("main")).toContain("1,250,000 VND");
    await page.screenshot({ path: "test-results/console-detail-820-en.png", fullPage: true });
    await page.getByRole("link", { name: "Tiếng Việt" }).click();
    expect(await page.textContent("main")).toContain("Lịch sử chi trả");
  });
});
