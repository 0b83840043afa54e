import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_FIGURES, type ListFigure } from "../../src/features/dashboard/figureLists.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { recountDashboard } from "../../src/features/dashboard/recountJob.ts";
import { NOW, seedDashboardWorld, type DashboardWorld } from "./world.ts";

const PW = "mat-khau-dung-1";

describe("the results dashboard", () => {
  let app: TestApp;
  let world: DashboardWorld;
  let province: SignedIn;
  let communeA: SignedIn;
  let hotline: SignedIn;

  beforeAll(async () => {
    app = await startTestApp({});
    app.clock.set(NOW);
    world = await seedDashboardWorld(app.prisma);
    // As the recount job does after start: every month of the trend counted.
    await recountDashboard(app.prisma, NOW);
    await createStaff(app.prisma, {
      username: "tinh",
      password: PW,
      role: "PROVINCE_OFFICER",
      provinceCodes: [world.codes.province],
      locale: "en",
    });
    await createStaff(app.prisma, {
      username: "xa.anphu",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: [world.codes.a],
      locale: "en",
    });
    await createStaff(app.prisma, {
      username: "tongdai",
      password: PW,
      role: "HOTLINE_AGENT",
      provinceCodes: [world.codes.province],
    });
    province = await signIn(app.url, "tinh", PW);
    communeA = await signIn(app.url, "xa.anphu", PW);
    hotline = await signIn(app.url, "tongdai", PW);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, who: SignedIn) =>
    fetch(`${app.url}${path}`, { headers: { cookie: who.cookie }, redirect: "manual" });
  const page = async (path: string, who: SignedIn) => {
    const res = await get(path, who);
    expect(res.status).toBe(200);
    return res.text();
  };
  /** The number a figure's link shows, e.g. the commune row's "paid" cell. */
  const figureOnPage = (html: string, figure: ListFigure, communeId?: string) => {
    const href = `/console/dashboard/list?figure=${figure}&amp;month=2026-07${communeId ? `&amp;communeId=${communeId}` : ""}`;
    const m = new RegExp(`href="${href.replace(/[?]/g, "\\?")}">([\\d.,]+)<`).exec(html);
    return m ? Number(m[1]!.replace(/[.,]/g, "")) : undefined;
  };
  const listCount = async (figure: ListFigure, who: SignedIn, communeId?: string, month = "2026-07") => {
    const html = await page(
      `/console/dashboard/list?figure=${figure}&month=${month}${communeId ? `&communeId=${communeId}` : ""}`,
      who,
    );
    const shown = Number(/data-count="(\d+)"/.exec(html)?.[1]);
    const rows = (html.match(/<tr>/g) ?? []).length - (html.includes("<thead>") ? 1 : 0);
    return { shown, rows, html };
  };

  it("shows the province officer each commune's figures for the month, counted by hand", async () => {
    const html = await page("/console/dashboard", province);
    const { a, b } = world.communes;
    const expected: Record<string, [number, number]> = {
      // figure: [An Phú, Bình Minh]
      active: [4, 2],
      paid: [3, 2],
      accountPaid: [2, 1],
      uncollected: [2, 0],
      linkedOwn: [1, 1],
      linkedRelative: [1, 0],
      ownChat: [1, 1],
      relativeChat: [1, 0],
      phoneOnly: [1, 0],
      none: [1, 1],
      noticesSent: [2, 0],
      noticesFailed: [1, 0],
      noticesSkipped: [0, 1],
      noticesWaiting: [0, 1],
      requestsPending: [1, 1],
      ticketsOpen: [3, 1],
      ticketsBreached: [2, 0],
      // Officers' messages of July: An Phú An, Dũng (1 July 00:00) · Bình · Cúc, Em · An, Bình;
      // Bình Minh Khoa twice · – · – · Khoa. Minh's line is another province's; Cúc's 30 June one is June's.
      broadcastSent: [2, 2],
      broadcastFailed: [1, 0],
      broadcastUnreached: [2, 0],
      broadcastUnsent: [2, 1],
    };
    for (const [figure, [inA, inB]] of Object.entries(expected)) {
      const f = figure as ListFigure;
      expect({ figure, a: figureOnPage(html, f, a), b: figureOnPage(html, f, b), all: figureOnPage(html, f) }).toEqual({
        figure,
        a: inA,
        b: inB,
        all: inA + inB,
      });
    }
    expect(html).toContain("1,350,000 VND");
    // The account share: 3 of 5 payouts; An Phú 2 of 3, Bình Minh 1 of 2.
    expect(html).toContain(">60%<");
    expect(html).toContain("66.7%");
    expect(html).toContain("3 of 5 payouts");
    expect(html).not.toContain("Xã Cách Xa");
    // Bình Minh (50%) has the lowest share: listed first and marked behind.
    const payouts = html.slice(html.indexOf('class="dashboard-payouts"'));
    expect(payouts.indexOf("Phường Bình Minh")).toBeLessThan(payouts.indexOf("Xã An Phú"));
    expect(payouts.slice(0, payouts.indexOf("Xã An Phú"))).toContain("Behind");
  });

  it("lists exactly the people and items behind every figure, as many as the figure says and as a direct count finds", async () => {
    const html = await page("/console/dashboard", province);
    const { a, b } = world.communes;
    const ACCOUNTS = { in: ["BANK" as const, "EWALLET" as const, "MOBILE_MONEY" as const] };
    const inArea = { communeId: { in: [a, b] } };
    const direct: Partial<Record<ListFigure, () => Promise<number>>> = {
      active: () => app.prisma.beneficiary.count({ where: { status: "ACTIVE", ...inArea } }),
      paid: () =>
        app.prisma.payout.count({
          where: { periodId: world.periods.jul, beneficiary: { status: "ACTIVE", ...inArea } },
        }),
      accountPaid: () =>
        app.prisma.payout.count({
          where: { periodId: world.periods.jul, method: ACCOUNTS, beneficiary: { status: "ACTIVE", ...inArea } },
        }),
      uncollected: () =>
        app.prisma.payout.count({
          where: { periodId: world.periods.jul, status: { in: ["UNCOLLECTED", "CARRIED_OVER"] }, beneficiary: inArea },
        }),
      linkedOwn: () =>
        app.prisma.beneficiary.count({ where: { status: "ACTIVE", ...inArea, chatLinks: { some: { role: "SELF" } } } }),
      linkedRelative: () =>
        app.prisma.beneficiary.count({
          where: {
            status: "ACTIVE",
            ...inArea,
            chatLinks: { some: { role: "REPRESENTATIVE" }, none: { role: "SELF" } },
          },
        }),
      noticesSent: () =>
        app.prisma.outboundMessage.count({
          where: { kind: "NOTIFICATION", status: "SENT", beneficiary: inArea, OR: julyNoticeKeys() },
        }),
      requestsPending: () => app.prisma.changeRequest.count({ where: { status: "PENDING", beneficiary: inArea } }),
      ticketsOpen: () =>
        app.prisma.hotlineTicket.count({ where: { status: { not: "RESOLVED" }, communeId: { in: [a, b] } } }),
    };
    const julyPayouts = await app.prisma.payout.findMany({
      where: { periodId: world.periods.jul },
      select: { id: true },
    });
    // Broadcasts created in July, Vietnam time (UTC+7), for the people of the area.
    const areaPeople = (await app.prisma.beneficiary.findMany({ where: inArea, select: { id: true } })).map(
      (p) => p.id,
    );
    const julyLines = (where: object) =>
      app.prisma.broadcastDelivery.count({
        where: {
          beneficiaryId: { in: areaPeople },
          broadcast: { createdAt: { gte: new Date("2026-06-30T17:00:00Z"), lt: new Date("2026-07-31T17:00:00Z") } },
          ...where,
        },
      });
    direct.broadcastSent = () => julyLines({ status: "SENT" });
    direct.broadcastFailed = () => julyLines({ status: "FAILED" });
    direct.broadcastUnreached = () => julyLines({ status: "SKIPPED", NOT: { reason: "cancelled" } });
    direct.broadcastUnsent = () =>
      julyLines({ OR: [{ status: { in: ["QUEUED", "SENDING"] } }, { status: "SKIPPED", reason: "cancelled" }] });
    function julyNoticeKeys() {
      return julyPayouts.map((p) => ({ noticeKey: { endsWith: `:${p.id}` } }));
    }
    for (const figure of LIST_FIGURES) {
      const onPage = figureOnPage(html, figure);
      const list = await listCount(figure, province);
      expect({ figure, shown: list.shown, rows: list.rows }).toEqual({ figure, shown: onPage, rows: onPage });
      const count = direct[figure];
      if (count) expect({ figure, direct: await count() }).toEqual({ figure, direct: onPage });
    }
    const uncollected = await listCount("uncollected", province);
    expect(uncollected.html).toContain("Lê Thị Cúc");
    expect(uncollected.html).toContain("Phạm Văn Dũng");
    expect(uncollected.html).toContain("750,000 VND");
    const failed = await listCount("noticesFailed", province);
    expect(failed.html).toContain("Trần Văn Bình");
    expect(failed.html).toContain("blocked");
    // The list of an officers' message names the person and the broadcast, and says why.
    const unreached = await listCount("broadcastUnreached", province);
    expect(unreached.html).toContain("Lê Thị Cúc");
    expect(unreached.html).toContain("Họp thôn");
    expect(unreached.html).toContain("Turned notices off");
    const unsent = await listCount("broadcastUnsent", province, world.communes.a);
    expect(unsent.html).toContain("Nhắc lịch · 14/07");
    expect(unsent.html).toContain("Đổi điểm chi trả");
  });

  it("shows a commune officer their commune only, and answers another commune's figures and lists as unknown", async () => {
    const html = await page("/console/dashboard", communeA);
    expect(html).toContain("Xã An Phú");
    expect(html).not.toContain("Phường Bình Minh");
    expect(figureOnPage(html, "paid")).toBe(3);
    expect(figureOnPage(html, "requestsPending")).toBe(1);
    const own = await listCount("requestsPending", communeA);
    expect(own.rows).toBe(1);
    expect(own.html).not.toContain("Đặng Thị Lan");
    for (const path of [
      `/console/dashboard/list?figure=paid&month=2026-07&communeId=${world.communes.b}`,
      `/console/dashboard/list/export?figure=paid&communeId=${world.communes.b}`,
      `/console/dashboard/list?figure=paid&communeId=${world.communes.c}`,
    ]) {
      expect((await get(path, communeA)).status).toBe(404);
    }
    expect((await get("/console/dashboard", hotline)).status).toBe(403);
  });

  it("follows the account share, the payouts not collected and the notices delivered month by month", async () => {
    const html = await page("/console/dashboard", province);
    // The markup's line breaks between tags are layout, not content.
    const trend = html.slice(html.indexOf('class="dashboard-trend"')).replace(/>\s+</g, "><");
    const rows = [
      ...trend.matchAll(
        /<tr>\s*<td[^>]*><a href="\/console\/dashboard\?month=(\d{4}-\d{2})">[^<]*<\/a><\/td>((?:\s*<td[^>]*>[^<]*<\/td>)+)\s*<\/tr>/g,
      ),
    ].map((m) => [m[1], ...[...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1])]);
    // month, share, through accounts, with a payout, not collected, amount, notices delivered,
    // notices failed, officers' messages delivered
    expect(rows).toEqual([
      ["2026-05", "66.7%", "2", "3", "1", "500,000 VND", "0", "0", "0"],
      ["2026-06", "50%", "2", "4", "0", "0 VND", "1", "0", "1"],
      ["2026-07", "60%", "3", "5", "2", "1,350,000 VND", "2", "1", "4"],
    ]);
    // Picking June shows June's figures.
    const june = await page("/console/dashboard?month=2026-06", province);
    expect(figureOnPage(june.replaceAll("month=2026-06", "month=2026-07"), "noticesSent")).toBe(1);
    expect(figureOnPage(june.replaceAll("month=2026-06", "month=2026-07"), "broadcastSent", world.communes.a)).toBe(1);
    expect((await get("/console/dashboard?month=2025-01", province)).status).toBe(404);
  });

  it("keeps the counted figures until they are counted again, and the list always shows today", async () => {
    const before = await page("/console/dashboard", province);
    expect(figureOnPage(before, "requestsPending")).toBe(2);
    await app.prisma.changeRequest.create({
      data: { kind: "MOVE", beneficiaryId: world.people.cuc, data: {}, status: "PENDING" },
    });
    expect(figureOnPage(await page("/console/dashboard", province), "requestsPending")).toBe(2);
    expect((await listCount("requestsPending", province)).rows).toBe(3);
    const res = await fetch(`${app.url}/console/dashboard/recount`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: province.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: province.csrfToken, month: "2026-07" }),
    });
    expect(res.status).toBe(303);
    expect(figureOnPage(await page("/console/dashboard", province), "requestsPending")).toBe(3);
    await app.prisma.changeRequest.deleteMany({ where: { kind: "MOVE" } });
    await fetch(`${app.url}/console/dashboard/recount`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: province.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: province.csrfToken, month: "2026-07" }),
    });
  });

  it("counts again only the officer's own communes when a commune officer asks", async () => {
    const recount = (who: SignedIn) =>
      fetch(`${app.url}/console/dashboard/recount`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: who.csrfToken, month: "2026-07" }),
      });
    const { a, b } = world.communes;
    // A new pending request in each commune of the province: An Phú (Cúc) and Bình Minh (Khoa).
    await app.prisma.changeRequest.create({
      data: { kind: "MOVE", beneficiaryId: world.people.cuc, data: {}, status: "PENDING" },
    });
    await app.prisma.changeRequest.create({
      data: { kind: "MOVE", beneficiaryId: world.people.khoa, data: {}, status: "PENDING" },
    });
    expect((await recount(communeA)).status).toBe(303);
    const html = await page("/console/dashboard", province);
    expect(figureOnPage(html, "requestsPending", a)).toBe(2);
    expect(figureOnPage(html, "requestsPending", b)).toBe(1);
    await app.prisma.changeRequest.deleteMany({ where: { kind: "MOVE" } });
    expect((await recount(province)).status).toBe(303);
    const after = await page("/console/dashboard", province);
    expect([figureOnPage(after, "requestsPending", a), figureOnPage(after, "requestsPending", b)]).toEqual([1, 1]);
  });

  it("downloads the dashboard and any list as Excel files, and the downloads are audited", async () => {
    const rowsOf = (ws: ExcelJS.Worksheet | undefined) =>
      (ws?.getSheetValues() ?? []).filter(Boolean).map((r) => (Array.isArray(r) ? r.slice(1) : []));
    const res = await get("/console/dashboard/export?month=2026-07", province);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(["Communes", "Twelve months", "Definitions"]);
    const communes = rowsOf(book.worksheets[0]);
    // Commune, share, then the figures in order: active, paid, accountPaid, ...
    expect(communes[1]?.slice(0, 5)).toEqual(["Phường Bình Minh (94102)", 50, 2, 2, 1]);
    expect(communes[2]?.slice(0, 5)).toEqual(["Xã An Phú (94101)", 66.7, 4, 3, 2]);
    expect(communes[3]?.slice(0, 5)).toEqual(["Whole area", 60, 6, 5, 3]);
    const header = communes[0] ?? [];
    const officersDelivered = header.indexOf("Officers' messages delivered");
    expect(header.slice(officersDelivered)).toEqual([
      "Officers' messages delivered",
      "Officers' messages failed",
      "Officers' messages: no way to reach, or notices off",
      "Officers' messages: cancelled or still waiting",
    ]);
    expect(communes.slice(1).map((r) => r.slice(officersDelivered))).toEqual([
      [2, 0, 0, 1],
      [2, 1, 2, 2],
      [4, 1, 2, 3],
    ]);
    expect(
      rowsOf(book.worksheets[1])
        .slice(1)
        .map((r) => [...r.slice(0, 6), ...r.slice(-2)]),
    ).toEqual([
      ["2026-05", 66.7, 3, 2, 1, 500000, 0, 0],
      ["2026-06", 50, 4, 2, 0, 0, 1, 0],
      ["2026-07", 60, 5, 3, 2, 1350000, 4, 1],
    ]);

    const list = await get(
      `/console/dashboard/list/export?figure=uncollected&month=2026-07&communeId=${world.communes.a}`,
      communeA,
    );
    expect(list.status).toBe(200);
    const listBook = new ExcelJS.Workbook();
    await listBook.xlsx.load(await list.arrayBuffer());
    const rows = rowsOf(listBook.worksheets[0]);
    expect(rows[0]).toEqual(["No.", "Name", "Commune", "Method", "Status", "Amount"]);
    expect(rows.slice(1)).toEqual([
      [1, "Lê Thị Cúc", "Xã An Phú", "Cash at a payout point", "Not collected", 750000],
      [2, "Phạm Văn Dũng", "Xã An Phú", "Cash at a payout point", "Carried over", 600000],
    ]);
    expect(await app.prisma.auditLog.count({ where: { action: "export.dashboard", actor: "tinh" } })).toBe(1);
    expect(await app.prisma.auditLog.count({ where: { action: "export.dashboardList", actor: "xa.anphu" } })).toBe(1);
  });
});
