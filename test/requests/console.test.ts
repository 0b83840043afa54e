// End to end on the web chat and the console: a relative asks to collect for Đào, leaves half-way,
// finishes the next day and prints the form; the officer approves it in the browser; the next
// payout list names her and both chats are told. A second request is refused with a reason.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportPayoutList } from "../../src/features/exports/payoutList.ts";
import { createHarness, type Harness, type Person } from "../chat/harness.ts";
import { launchBrowser } from "../console/browser.ts";
import { createStaff, movableClock, signIn, startTestApp, type TestApp } from "../helpers/app.ts";
import { listRows, readSheet } from "../imports/fixtures.ts";
import { chatter, linkSelf, noticesFor, OFFICER_PASSWORD, seedRequestWorld, type RequestWorld } from "./world.ts";

const DAY = 86_400_000;

describe("an authorisation from the chat to the payout list, through the officer's console", () => {
  let app: TestApp;
  let world: RequestWorld;
  let h: Harness;
  let dao: Person;
  let hoa: Person;
  let browser: Browser;
  let page: Page;
  let formPath = "";

  beforeAll(async () => {
    app = await startTestApp({ clock: movableClock(new Date("2026-07-17T03:00:00Z")) });
    world = await seedRequestWorld(app.prisma);
    const province = await app.prisma.province.findUniqueOrThrow({ where: { code: "911" } });
    await app.prisma.commune.create({ data: { code: "91102", name: "Xã Bên Cạnh", provinceId: province.id } });
    await createStaff(app.prisma, {
      username: "xa.bencanh",
      password: OFFICER_PASSWORD,
      role: "COMMUNE_OFFICER",
      communeCodes: ["91102"],
    });
    h = createHarness(app.prisma);
    dao = await linkSelf(app.prisma, h, world, world.dao, "web-e2e-dao");
    hoa = chatter(app.prisma, h.person("web-e2e-hoa"));
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function answer(p: Person, steps: string[]) {
    for (const s of steps) await (s.startsWith("rq:") ? p.press(s) : p.send(s));
  }

  it("lets the relative leave half-way, finish the next day, and print the filled-in form", async () => {
    await answer(hoa, ["rq:auth", "001140123456", "09/05/1940", "5678", "Lê Thị Hoa", "rq:rel:child"]);
    await hoa.press("menu");
    h.clock.advance(DAY);
    await answer(hoa, [
      "rq:auth",
      "rq:continue",
      "001190222333",
      "0987654321",
      "rq:m:2026-08-01",
      "rq:dur:6",
      "rq:next",
    ]);
    const sent = await hoa.press("rq:send");
    // The link button opens the printable form on the page's own site.
    formPath = String(sent[0]?.buttons?.flat().find((b) => b.url)?.url);

    const form = await fetch(`${app.url}${formPath}`);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    const text = await form.text();
    for (const part of [
      "GIẤY ỦY QUYỀN",
      "Nguyễn Thị Đào",
      "001140123456",
      "Lê Thị Hoa",
      "001190222333",
      "01/08/2026",
      "31/01/2027",
      "CHỨNG THỰC",
    ])
      expect(text).toContain(part);
    expect((await fetch(`${app.url}/forms/authorisation/${"x".repeat(32)}`)).status).toBe(404);
  });

  it("is approved by the officer in the console once every paper is ticked", async () => {
    await page.goto(`${app.url}/console/login`);
    await page.getByLabel("Tên đăng nhập").fill("xa.hoaan");
    await page.getByLabel("Mật khẩu").fill(OFFICER_PASSWORD);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("navigation").getByRole("link", { name: "Yêu cầu", exact: true }).click();
    await page.getByRole("link", { name: /^YC-/ }).first().click();
    const main = page.locator("main");
    await expect.poll(async () => (await main.textContent()) ?? "").toContain("Lê Thị Hoa");
    expect(await main.textContent()).toContain("••••••••2333");
    expect(await main.textContent()).not.toContain("001190222333");

    await page.getByRole("button", { name: "Duyệt", exact: true }).click();
    expect(await page.getByRole("status").textContent()).toContain("đánh dấu đủ");
    for (const label of [
      "Giấy ủy quyền có chữ ký người hưởng, đã chứng thực",
      "Thẻ căn cước của người hưởng",
      "Thẻ căn cước của người nhận thay",
    ]) {
      await page.getByLabel(label).check();
    }
    await page.getByRole("button", { name: "Duyệt", exact: true }).click();
    expect(await page.getByRole("status").textContent()).toContain("Đã duyệt yêu cầu");
    expect(await page.locator("#decided").textContent()).toContain("Phan Văn Cán");
    expect(await page.locator("ul.history").textContent()).toContain("Duyệt yêu cầu");
    // The printable form closes once the request is decided.
    expect((await fetch(`${app.url}${formPath}`)).status).toBe(404);
  });

  it("puts the relative on the next payout list and tells both chats", async () => {
    const exportDeps = { prisma: app.prisma, i18n: app.deps.i18n };
    const ws = await readSheet(
      (await exportPayoutList(exportDeps, { communeId: world.communeId, month: "2026-08", staff: null })).data,
    );
    expect(listRows(ws)[0]?.get("Người nhận thay")).toBe("Lê Thị Hoa");
    expect((await noticesFor(app.prisma, await hoa.identityId())).at(-1)?.keys[0]).toBe(
      "requests:notice.approvedAuthorisation",
    );
    expect((await noticesFor(app.prisma, await dao.identityId())).at(-1)?.keys[0]).toBe(
      "requests:notice.approvedAuthorisation",
    );
    const audit = await app.prisma.auditLog.findMany({
      where: { action: { startsWith: "request." } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["request.submit", `chat:${await hoa.identityId()}`],
      ["request.form_open", "form-link"],
      ["request.view", "xa.hoaan"],
      ["request.approve", "xa.hoaan"],
    ]);
  });

  it("hides requests from an officer of another commune, and refuses a rejection without a reason", async () => {
    await answer(dao, ["rq:change", "rq:what:address", "Thôn 5, xã Hòa An"]);
    await dao.press("rq:send");
    const request = await app.prisma.changeRequest.findFirstOrThrow({
      where: { kind: "UPDATE_INFO", status: "PENDING" },
    });
    const other = await signIn(app.url, "xa.bencanh", OFFICER_PASSWORD);
    expect(
      (await fetch(`${app.url}/console/requests/${request.id}`, { headers: { cookie: other.cookie } })).status,
    ).toBe(404);
    const list = await (await fetch(`${app.url}/console/requests`, { headers: { cookie: other.cookie } })).text();
    expect(list).not.toContain("Nguyễn Thị Đào");

    const own = await signIn(app.url, "xa.hoaan", OFFICER_PASSWORD);
    const post = (body: Record<string, string>) =>
      fetch(`${app.url}/console/requests/${request.id}`, {
        method: "POST",
        headers: { cookie: own.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: own.csrfToken, ...body }),
      });
    expect((await post({ decision: "reject", reason: "" })).status).toBe(422);
    expect((await post({ decision: "reject", reason: "Địa chỉ chưa rõ thôn nào" })).status).toBe(200);
    const notice = (await noticesFor(app.prisma, await dao.identityId())).at(-1);
    expect(notice?.keys).toEqual(["requests:notice.rejected", "requests:notice.rejectedNext"]);
    expect((await app.prisma.beneficiary.findUniqueOrThrow({ where: { id: world.dao } })).address).toBeNull();
  });
});
