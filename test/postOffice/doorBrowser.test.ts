// A post-office worker on a phone (360 px wide) at a person's door: finds her by a name typed
// without diacritics or by the last digits of her ID, reads this month's amount with the chat's
// own explanation and who may collect it today, and records that she has died; the commune
// officer finds the report in the review queue. The worker sees nobody of another commune and
// no other console page, and every look is in the audit log.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runStaffCli } from "../../src/cli/staff.ts";
import { renderText } from "../../src/core/renderReply.ts";
import { explainMonth, explanationReplies } from "../../src/features/entitlements/explain.ts";
import { policyIn } from "../../src/features/policy/policyStore.ts";
import { createStaff, movableClock, signIn, startTestApp, type TestApp } from "../helpers/app.ts";
import { launchBrowser } from "../console/browser.ts";
import { AUGUST_12, seedDoorWorld, type DoorWorld } from "./world.ts";

const PW = "mat-khau-dung-1";

describe("the post-office worker's page on a phone", () => {
  let app: TestApp;
  let world: DoorWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp({ clock: movableClock(AUGUST_12) });
    world = await seedDoorWorld(app.prisma);
    // Created as an administrator would, with the staff command.
    const out: string[] = [];
    const code = await runStaffCli(
      ["create", "--username", "buudien.hoaan", "--role", "POST_OFFICE", "--commune", "90101", "--name", "Đỗ Văn Hải"],
      { prisma: app.prisma, print: (l) => out.push(l), readPassword: () => Promise.resolve(PW), now: () => new Date() },
    );
    expect(out.join("\n")).toContain("Created buudien.hoaan");
    expect(code).toBe(0);
    await createStaff(app.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN", isMobile: true });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  async function logIn(username: string): Promise<void> {
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(PW);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
  }

  const fitsTheScreen = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  async function search(q: string): Promise<void> {
    await page.getByLabel("Họ tên hoặc số cuối định danh").fill(q);
    await page.getByRole("button", { name: "Tìm" }).click();
  }

  it("finds the person, shows the explanation and who may collect, and sends a death to the officer's queue", async () => {
    await logIn("buudien.hoaan");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Chi trả tại nhà");
    expect(await page.locator("nav.mainnav a").allTextContents()).toEqual(["Chi trả tại nhà"]);
    expect(await fitsTheScreen()).toBe(true);

    await search("3456");
    expect(await page.locator(".door-results li").allTextContents()).toEqual([
      expect.stringContaining("Nguyễn Thị Đào"),
    ]);
    await search("nguyen thi dao");
    const found = page.locator(".door-results li");
    expect(await found.count()).toBe(1);
    expect(await found.first().textContent()).toContain("••••••••3456");
    await page.getByRole("link", { name: "Nguyễn Thị Đào" }).click();

    expect(await page.locator("h1").textContent()).toBe("Nguyễn Thị Đào");
    expect(await page.locator("#door-payout").textContent()).toContain("750.000 đ");
    // The very words the chat answers "why this amount" with.
    const policy = (await policyIn(app.prisma)).policy;
    const t = app.deps.i18n.t("vi");
    const chat = explanationReplies(await explainMonth(app.prisma, policy, world.people.dao, "2026-08-01"));
    const why = (await page.locator("#door-why").textContent()) ?? "";
    for (const reply of chat) for (const text of reply.text) expect(why).toContain(renderText(t, "vi", text));
    const receivers = (await page.locator("#door-receivers").textContent()) ?? "";
    expect(receivers).toContain("Lê Thị Hoa");
    expect(receivers).toContain("••••••••2333");
    expect(receivers).not.toContain("001190222333");
    expect(await page.textContent("main")).not.toContain("001140123456");
    expect(await fitsTheScreen()).toBe(true);
    await page.screenshot({ path: "test-results/post-office-360.png", fullPage: true });

    await page.getByText("Người hưởng đã mất").first().click();
    await page.getByLabel("Ngày mất (nếu biết)").fill("2026-08-10");
    await page.getByRole("button", { name: "Người hưởng đã mất" }).click();
    expect(await page.getByRole("status").textContent()).toContain("Đã gửi báo tử cho cán bộ xã duyệt");
    expect(await page.locator("#door-visits").textContent()).toContain("Báo đã mất");

    const request = await app.prisma.changeRequest.findFirstOrThrow({
      where: { beneficiaryId: world.people.dao, kind: "DEATH" },
    });
    expect(request.status).toBe("PENDING");
    // The commune officer sees it in the review queue, like a death told in the chat.
    const officer = await signIn(app.url, "xa.hoaan", PW);
    const queue = await fetch(`${app.url}/console/requests`, { headers: { cookie: officer.cookie } });
    const queueHtml = await queue.text();
    expect(queueHtml).toContain("Nguyễn Thị Đào");
    const detail = await fetch(`${app.url}/console/requests/${request.id}`, { headers: { cookie: officer.cookie } });
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain("10/08/2026");

    const actions = (await app.prisma.auditLog.findMany({ where: { actor: "buudien.hoaan" } })).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["postoffice.search", "postoffice.view", "postoffice.record", "request.submit"]),
    );
    expect(actions.filter((a) => a === "postoffice.search")).toHaveLength(2);
  });

  it("sees nobody of another commune and cannot open other console pages", async () => {
    await logIn("buudien.hoaan");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Chi trả tại nhà");
    await search("tran thi binh");
    expect(await page.locator("#door-none").textContent()).toContain("Không tìm thấy");
    const other = await page.goto(`${app.url}/console/post-office/${world.people.binh}`);
    expect(other?.status()).toBe(404);
    for (const path of ["/console/beneficiaries", "/console/requests", "/console/hotline", "/console/collectors"]) {
      const res = await page.goto(`${app.url}${path}`);
      expect(res?.status(), path).toBe(403);
    }
    const api = await page.request.get(`${app.url}/api/beneficiaries/${world.people.dao}`);
    expect(api.status()).toBe(403);
    // A record for another commune's person, posted by hand, changes nothing.
    const me = await signIn(app.url, "buudien.hoaan", PW);
    const post = await fetch(`${app.url}/console/post-office/${world.people.binh}/record`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: me.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: me.csrfToken, outcome: "PAID_SELF" }),
    });
    expect(post.status).toBe(404);
    expect((await app.prisma.payout.findUniqueOrThrow({ where: { id: world.payouts.binh } })).status).toBe("SCHEDULED");
  });
});
