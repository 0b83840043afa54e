// How the console looks at a laptop's width (1280 px) in a real browser: the menu of the role with
// the most sections on one row, the hotline ticket's buttons like every other button, and
// a request's history naming who asked through which chat instead of an internal id; and on a phone,
// the hotline queue as cards.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/features/audit/service.ts";
import { launchBrowser } from "../console/browser.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { menuFor } from "../../src/http/console/sections.ts";
import { createStaff, startTestApp, type TestApp } from "../helpers/app.ts";

const PW = "mat-khau-dung-1";

describe("the console at 1280 px", () => {
  let app: TestApp;
  let world: World;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ticketNumber = 0;
  let requestId = "";

  beforeAll(async () => {
    app = await startTestApp();
    world = await seedWorld(app.prisma);
    await createStaff(app.prisma, { username: "quantri", password: PW, role: "ADMIN", fullName: "Nguyễn Quản Trị" });
    await createStaff(app.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
      fullName: "Lê Văn Tâm",
    });
    const ticket = await app.prisma.hotlineTicket.create({
      data: { beneficiaryId: world.people.dao, communeId: world.communes.a, topic: "talk_to_human" },
    });
    await app.prisma.ticketMessage.create({
      data: { ticketId: ticket.id, author: "PERSON", text: "Cho tôi hỏi ngày nhận tiền" },
    });
    ticketNumber = ticket.number;
    // Hoa, Đào's daughter, asks from her Zalo chat to change her mother's address.
    const hoa = await app.prisma.chatIdentity.findUniqueOrThrow({
      where: { channel_platformUserId: { channel: "ZALO", platformUserId: "zalo-hoa" } },
    });
    const request = await app.prisma.changeRequest.create({
      data: {
        kind: "UPDATE_INFO",
        beneficiaryId: world.people.dao,
        submittedById: hoa.id,
        status: "PENDING",
        data: { step: "done", draft: { what: "address", address: "Thôn 5" }, private: {} },
      },
    });
    await recordAudit(app.prisma, {
      actor: `chat:${hoa.id}`,
      action: "request.submit",
      entity: "changeRequest",
      entityId: request.id,
      detail: { kind: "UPDATE_INFO" },
    });
    requestId = request.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(username: string, locale: "vi" | "en" = "vi", phone = false): Promise<void> {
    context = await browser.newContext({
      ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
      ...(phone ? {} : { viewport: { width: 1280, height: 900 } }),
      locale: locale === "vi" ? "vi-VN" : "en-GB",
    });
    page = await context.newPage();
    await page.goto(`${app.url}/console/login`);
    await page.locator("#username").fill(username);
    await page.locator("#password").fill(PW);
    await page.locator("form button[type=submit]").click();
    await page.waitForURL(/\/console$/);
    // The choice is kept on the account: each test says which language it looks at.
    await page.goto(`${app.url}/console?lang=${locale}`);
  }

  it("fits the menu of the role with the most sections in two rows at most, in Vietnamese and in English", async () => {
    for (const locale of ["vi", "en"] as const) {
      await open("quantri", locale);
      const tops = await page
        .locator(".mainnav a")
        .evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
      expect(tops.length).toBe(menuFor("ADMIN").length);
      // Sixteen sections do not fit one row at 1280 px; two full rows still read at a glance.
      expect(new Set(tops).size, `${locale}: rows at ${[...new Set(tops)].join(", ")}`).toBeLessThanOrEqual(2);
      // Nothing in the header is cut off or pushed out of the page.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await page.screenshot({ path: `test-results/console-menu-1280-${locale}.png` });
      await context.close();
    }
  });

  it("styles the hotline ticket's buttons like the console's other buttons", async () => {
    await open("quantri");
    await page.goto(`${app.url}/console/hotline/${ticketNumber}`);
    const buttons = page.locator(".hotline-ticket form.stack button");
    expect(await buttons.count()).toBeGreaterThanOrEqual(4);
    const styles = await buttons.evaluateAll((list) =>
      list.map((b) => {
        const s = getComputedStyle(b);
        return {
          label: b.textContent?.trim(),
          radius: s.borderRadius,
          background: s.backgroundColor,
          border: s.borderTopStyle,
          weight: s.fontWeight,
        };
      }),
    );
    const reference = await page.evaluate(() => {
      const probe = document.createElement("a");
      probe.className = "btn secondary";
      document.body.append(probe);
      const s = getComputedStyle(probe);
      const out = { radius: s.borderRadius, background: s.backgroundColor };
      probe.remove();
      return out;
    });
    for (const s of styles) {
      expect(s.radius, s.label).toBe(reference.radius);
      expect(s.border, s.label).toBe("none");
      expect(s.weight, s.label).toBe("600");
      expect(["rgba(0, 0, 0, 0)", "rgb(239, 239, 239)", "rgb(240, 240, 240)"], s.label).not.toContain(s.background);
    }
    // The actions other than sending a reply look like secondary buttons.
    expect(styles.filter((s) => s.background === reference.background).length).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: "test-results/console-hotline-ticket-1280.png", fullPage: true });
    await context.close();
  });

  it("lists the hotline queue on a phone as cards the width of the screen, with nothing to scroll sideways", async () => {
    await open("quantri", "vi", true);
    await page.goto(`${app.url}/console/hotline`);
    const card = page.locator("table.hotline-queue tbody tr", { hasText: `#${ticketNumber}` });
    await card.waitFor();
    expect(await page.locator("table.hotline-queue thead").isVisible()).toBe(false);
    const box = await card.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(330);
    // The topic and the person each have a line of their own, in full.
    const person = card.locator("td", { hasText: "Nguyễn Thị Đào" });
    expect((await person.boundingBox())?.width).toBeGreaterThanOrEqual(300);
    const sideways = await page.evaluate(() =>
      [document.documentElement, ...Array.from(document.querySelectorAll(".table-wrap"))].map(
        (e) => e.scrollWidth - e.clientWidth,
      ),
    );
    expect(sideways.every((d) => d <= 0)).toBe(true);
    await page.screenshot({ path: "test-results/console-hotline-queue-phone.png", fullPage: true });
    await context.close();
  });

  it("names who sent a request and through which chat in its history, never an internal id", async () => {
    await open("xa.hoaan");
    // The second opening lists the first, by the officer's name.
    await page.goto(`${app.url}/console/requests/${requestId}`);
    await page.goto(`${app.url}/console/requests/${requestId}`);
    const history = (await page.locator("ul.history").innerText()).trim();
    expect(history).toContain("Lê Thị Hoa (người nhà của Nguyễn Thị Đào) · Zalo");
    expect(history).toContain("Lê Văn Tâm");
    expect(history).not.toMatch(/chat:|[0-9a-f]{8}-[0-9a-f]{4}/);
    await context.close();
  });
});
