// In a browser: one province officer enters a provincial resolution, a second confirms it, and the
// next chat explanation and amount check use it without a restart; the author cannot confirm their
// own change; a commune officer reads the policy but cannot change it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueLinkCodes } from "../../src/features/linking/codes.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import { createHarness, keys, type Person } from "../chat/harness.ts";
import { launchBrowser } from "../console/browser.ts";
import { rendered } from "../entitlements/render.ts";
import { addPayout, addPerson } from "../entitlements/fixtures.ts";
import { createStaff, movableClock, signIn, startTestApp, type TestApp } from "../helpers/app.ts";

const PW = "mat-khau-dung-1";
const NOW = new Date("2026-12-06T03:00:00Z");

describe("provincial resolutions entered and confirmed in the console", () => {
  let app: TestApp;
  let browser: Browser;
  let person: Person;
  let communeId: string;

  beforeAll(async () => {
    app = await startTestApp({ clock: movableClock(NOW) });
    const p = app.prisma;
    await seedShippedPolicy(p);
    const province = await p.province.create({ data: { code: "922", name: "Tỉnh Hải Đông" } });
    communeId = (await p.commune.create({ data: { code: "92201", name: "Xã Biển Xanh", provinceId: province.id } })).id;
    await createStaff(p, {
      username: "tinh.mot",
      password: PW,
      role: "PROVINCE_OFFICER",
      provinceCodes: ["922"],
      fullName: "Nguyễn Văn Một",
    });
    await createStaff(p, {
      username: "tinh.hai",
      password: PW,
      role: "PROVINCE_OFFICER",
      provinceCodes: ["922"],
      fullName: "Trần Thị Hai",
    });
    await createStaff(p, { username: "xa.bien", password: PW, role: "COMMUNE_OFFICER", communeCodes: ["92201"] });
    await createStaff(p, { username: "quan.tri", password: PW, role: "ADMIN" });
    // The province pays its social pension at 700,000; its resolution is not in the data yet.
    const id = await addPerson(p, {
      name: "Bà Lê Thị Sen",
      communeId,
      programme: "BTXH",
      categories: [{ code: "SOCIAL_PENSION" }],
    });
    await addPayout(p, id, "2026-11-01", [{ kind: "MONTHLY", amount: 700_000, categoryCode: "SOCIAL_PENSION" }]);
    // The chat runs all along: it must pick the change up without a restart.
    const h = createHarness(p, NOW);
    const issued = await issueLinkCodes(p, {
      communeId,
      beneficiaryIds: [id],
      onlyUnlinked: false,
      validDays: 30,
      now: NOW,
      staff: null,
    });
    person = h.person("web-policy-sen");
    await person.send(issued.codes[0]?.displayCode ?? "");
    await person.press("role:self");
    await person.press("consent:yes");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Chính sách", exact: true }).click();
    return page;
  }

  /** The admin's dashboard figure: payouts of November matching no confirmed level. */
  const unmatched = async () => {
    const who = await signIn(app.url, "quan.tri", PW);
    const body = await (
      await fetch(`${app.url}/console/dashboard?month=2026-11`, { headers: { cookie: who.cookie } })
    ).text();
    return /id="policy-unmatched">[\s\S]*?<strong class="stat-num">(\d+)<\/strong>/.exec(body)?.[1];
  };

  const amountCheck = async (username: string) => {
    const who = await signIn(app.url, username, PW);
    return (await fetch(`${app.url}/console/amount-checks?month=2026-11`, { headers: { cookie: who.cookie } })).text();
  };

  it("a payout at the province's level is never wrong before the resolution is entered, and is explained by it after", async () => {
    const before = (await rendered(await person.send("vì sao số tiền này"))).join("\n");
    expect(before).toContain("Tiền của Bác không có gì sai.");
    expect(await amountCheck("tinh.hai")).toContain("có thể là mức của tỉnh chưa nhập");
    expect(await unmatched()).toBe("1");

    // The first officer enters the resolution.
    const one = await signedIn("tinh.mot");
    expect(await one.locator("h1").textContent()).toBe("Chính sách");
    await one.getByRole("link", { name: "Thêm nghị quyết của tỉnh" }).click();
    await one.getByLabel("Tỉnh").selectOption("922");
    await one.getByLabel("Chương trình").selectOption("BTXH");
    await one.getByLabel("Diện hưởng").selectOption("SOCIAL_PENSION");
    await one.getByLabel("Loại", { exact: true }).selectOption("AMOUNT");
    await one.getByLabel("Số tiền (đ)").fill("700.000");
    await one.getByLabel("Số nghị quyết (ví dụ 15/2025/NQ-HĐND)").fill("12/2025/NQ-HĐND");
    await one.getByLabel("Áp dụng từ tháng").fill("2026-01");
    await one.getByLabel("Căn cứ pháp lý").fill("Nghị quyết 12/2025/NQ-HĐND tỉnh Hải Đông");
    await one.getByLabel("Nguồn (công báo, văn bản)").fill("Công báo tỉnh số 45");
    await one.getByRole("button", { name: "Gửi để xác nhận" }).click();
    expect(await one.locator(".flash").textContent()).toContain("Thay đổi có hiệu lực khi một cán bộ khác xác nhận");
    expect(await one.locator("#change-summary").textContent()).toBe(
      "Nghị quyết của tỉnh: Nghị quyết 12/2025/NQ-HĐND (922), SOCIAL_PENSION: 700.000 đ từ 01/2026",
    );
    // Its author cannot confirm it: no button, and the server refuses the request too.
    expect(await one.getByRole("button", { name: "Xác nhận" }).count()).toBe(0);
    expect(await one.locator("#own-change").textContent()).toContain("cần một cán bộ khác xác nhận");
    await one.screenshot({ path: "test-results/console-policy-change-1280.png", fullPage: true });
    const changeUrl = one.url().replace(/\?.*$/, "");
    const self = await signIn(app.url, "tinh.mot", PW);
    const refused = await fetch(`${changeUrl}/decide`, {
      method: "POST",
      headers: { cookie: self.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: self.csrfToken, decision: "confirm" }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Bạn đã nhập thay đổi này: cần một cán bộ khác xác nhận.");
    // Not in force while it waits.
    expect((await rendered(await person.send("vì sao số tiền này"))).join("\n")).not.toContain("12/2025/NQ-HĐND");

    // The second officer confirms it.
    const two = await signedIn("tinh.hai");
    await two
      .locator("#pending")
      .getByRole("link", { name: /12\/2025\/NQ-HĐND/ })
      .click();
    await two.getByRole("button", { name: "Xác nhận" }).click();
    expect(await two.locator(".flash").textContent()).toBe("Đã xác nhận: bot dùng ngay từ câu trả lời tiếp theo.");
    await two.goto(`${app.url}/console/policy`);
    expect(await two.locator("#pending").textContent()).toContain("Không có thay đổi nào chờ xác nhận.");
    expect(await two.locator("table").first().textContent()).toContain("12/2025/NQ-HĐND");
    await two.screenshot({ path: "test-results/console-policy-1280.png", fullPage: true });

    // The next answer in the running chat uses it: both layers, nothing called wrong.
    const replies = await person.send("vì sao số tiền này");
    expect(keys(replies).flat()).toContain("entitlements:explain.line.provincial.AMOUNT");
    const after = (await rendered(replies)).join("\n");
    expect(after).toContain(
      "Trợ cấp hưu trí xã hội: mức của tỉnh theo Nghị quyết 12/2025/NQ-HĐND: 700.000 đ; mức quốc gia 540.000 đ.",
    );
    expect(after).not.toContain("còn theo quy định là");
    expect(await amountCheck("tinh.hai")).not.toContain("có thể là mức của tỉnh chưa nhập");
    expect(await unmatched()).toBe("0");

    // Every step is in the audit log, and the row says who entered and who confirmed it.
    const audit = await app.prisma.auditLog.findMany({
      where: { action: { startsWith: "policy." } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["policy.propose", "tinh.mot"],
      ["policy.confirm", "tinh.hai"],
    ]);
    expect(await app.prisma.provincialResolution.findFirstOrThrow({ where: { provinceCode: "922" } })).toMatchObject({
      origin: "OFFICER",
      enteredBy: "tinh.mot",
      confirmedBy: "tinh.hai",
    });
  });

  it("a commune officer reads the policy but cannot change it", async () => {
    const page = await signedIn("xa.bien");
    expect(await page.locator("main").textContent()).toContain("Cán bộ xã chỉ xem");
    expect(await page.getByRole("link", { name: "Thêm nghị quyết của tỉnh" }).count()).toBe(0);
    const who = await signIn(app.url, "xa.bien", PW);
    const res = await fetch(`${app.url}/console/policy/form/RESOLUTION`, {
      method: "POST",
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: who.csrfToken,
        provinceCode: "922",
        programme: "BTXH",
        kind: "LEVEL",
        amount: "900000",
        resolutionNo: "1/2026/NQ-HĐND",
        effectiveFrom: "2026-01",
        legalBasis: "x",
      }),
    });
    expect(res.status).toBe(403);
    expect(await app.prisma.policyChange.count({ where: { enteredBy: "xa.bien" } })).toBe(0);
  });
});
