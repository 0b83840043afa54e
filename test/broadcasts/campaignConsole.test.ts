import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fireCampaigns } from "../../src/features/broadcasts/campaignFire.ts";
import { signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { eight, PASSWORD, seedCampaignWorld, TEXT, type CampaignWorld } from "./campaignWorld.ts";

describe("campaigns in the staff console", () => {
  let app: TestApp;
  let w: CampaignWorld;
  const as: Record<string, SignedIn> = {};

  beforeAll(async () => {
    // Two people are enough to need a second officer's approval.
    app = await startTestApp({ env: { BROADCAST_APPROVAL_THRESHOLD: "2" }, clock: undefined });
    app.clock.set(eight("2026-06-28", "10:00"));
    w = await seedCampaignWorld(app.prisma);
    for (const u of ["xa.hoaan", "xa.hoaan2", "xa.dongba", "tinh.cd"]) as[u] = await signIn(app.url, u, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
  });

  function form(communeIds: string[], extra: Record<string, string> = {}): URLSearchParams {
    const body = new URLSearchParams({
      name: "Nhắc trước ngày chi trả",
      triggerKind: "beforePayout",
      payoutDays: "3",
      sendTime: "08:00",
      templateVi: TEXT.vi,
      templateEn: TEXT.en,
      active: "1",
      ...extra,
    });
    for (const id of communeIds) body.append("communeIds", id);
    return body;
  }

  async function post(user: string, path: string, body: URLSearchParams = new URLSearchParams()): Promise<Response> {
    body.set("_csrf", as[user]!.csrfToken);
    return fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: as[user]!.cookie, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body,
    });
  }

  const get = (user: string, path: string) =>
    fetch(`${app.url}${path}`, { headers: { cookie: as[user]!.cookie, accept: "text/html" } });

  /** Previews, then saves what was previewed; returns the new campaign's id. */
  async function createThroughForm(user: string, communeIds: string[]): Promise<string> {
    const preview = await post(user, "/console/campaigns/new", form(communeIds, { intent: "preview" }));
    expect(preview.status).toBe(200);
    const page = await preview.text();
    const fingerprint = /name="previewed" value="([^"]+)"/.exec(page)?.[1];
    expect(fingerprint).toBeTruthy();
    const saved = await post(
      user,
      "/console/campaigns/new",
      form(communeIds, { intent: "save", previewed: fingerprint! }),
    );
    expect(saved.status).toBe(303);
    const id = /\/console\/campaigns\/([0-9a-f-]+)\?done=saved/.exec(saved.headers.get("location") ?? "")?.[1];
    expect(id).toBeTruthy();
    return id!;
  }

  it("shows the next fire's count and the message in both languages before anything is saved", async () => {
    const res = await post("xa.hoaan", "/console/campaigns/new", form([w.communes.hoaAn], { intent: "preview" }));
    const page = await res.text();
    expect(page).toContain("Lần gửi tới: 29/06/2026 lúc 08:00, đến 1 người.");
    expect(page).toContain("Kính gửi Nguyễn Thị Lan: ngày 02/07/2026 bác nhận 750.000 đ.");
    expect(page).toContain("Dear Nguyễn Thị Lan: on 02/07/2026 you receive");
    expect(page).toContain("Cần một cán bộ khác duyệt khi bật");
    expect(await app.prisma.campaign.count()).toBe(0);
    // A variable the product does not fill is pointed out, so nobody ever receives "{ho_tn}".
    const typo = await post(
      "xa.hoaan",
      "/console/campaigns/new",
      form([w.communes.hoaAn], { intent: "preview", templateVi: "Kính gửi {ho_tn}" }),
    );
    expect(typo.status).toBe(422);
    expect(await typo.text()).toContain("Nội dung có biến không dùng được.");
    // Saving something else than what was previewed shows the preview again instead.
    const changed = await post(
      "xa.hoaan",
      "/console/campaigns/new",
      form([w.communes.hoaAn], { intent: "save", previewed: "not-this-one" }),
    );
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Nội dung đã thay đổi sau lần xem trước.");
    expect(await app.prisma.campaign.count()).toBe(0);
  });

  it("refuses a campaign over another commune, and hides another area's campaign", async () => {
    for (const intent of ["preview", "save"]) {
      const res = await post("xa.dongba", "/console/campaigns/new", form([w.communes.hoaAn], { intent }));
      expect(res.status).toBe(403);
    }
    const res = await post(
      "xa.hoaan",
      "/console/campaigns/new",
      form([w.communes.hoaAn, w.communes.dongBa], { intent: "preview" }),
    );
    expect(res.status).toBe(403);
    expect(await app.prisma.campaign.count()).toBe(0);

    const id = await createThroughForm("xa.hoaan", [w.communes.hoaAn]);
    expect((await get("xa.dongba", `/console/campaigns/${id}`)).status).toBe(404);
    expect((await post("xa.dongba", `/console/campaigns/${id}/deactivate`)).status).toBe(404);
    expect(await (await get("xa.dongba", "/console/campaigns")).text()).not.toContain("Nhắc trước ngày chi trả");
    // The province officer oversees both communes.
    expect((await get("tinh.cd", `/console/campaigns/${id}`)).status).toBe(200);
    await post("xa.hoaan", `/console/campaigns/${id}/deactivate`);
  });

  it("a big campaign fires only after a second officer approved it, and every step is in the audit log", async () => {
    const id = await createThroughForm("xa.hoaan", [w.communes.hoaAn]);
    const page = await (await get("xa.hoaan", `/console/campaigns/${id}`)).text();
    expect(page).toContain("Chờ duyệt");
    await fireCampaigns({ prisma: app.prisma }, eight("2026-06-29"));
    expect(await app.prisma.broadcast.count({ where: { campaignId: id } })).toBe(0);

    expect((await post("xa.hoaan", `/console/campaigns/${id}/approve`)).status).toBe(403);
    expect(await (await get("xa.hoaan2", `/console/campaigns/${id}`)).text()).toContain("Duyệt chiến dịch");
    const approved = await post("xa.hoaan2", `/console/campaigns/${id}/approve`);
    expect(approved.status).toBe(303);
    expect(await (await get("xa.hoaan2", approved.headers.get("location")!)).text()).toContain("Đã duyệt chiến dịch.");

    await fireCampaigns({ prisma: app.prisma }, eight("2026-06-29", "08:30"));
    const broadcasts = await app.prisma.broadcast.findMany({ where: { campaignId: id } });
    expect(broadcasts.map((b) => [b.fireKey, b.status])).toEqual([["2026-06-29", "SCHEDULED"]]);
    const detail = await (await get("xa.hoaan", `/console/campaigns/${id}`)).text();
    expect(detail).toContain(`href="/console/broadcasts/${broadcasts[0]!.id}"`);

    // Off and on again keeps the approval; a changed text asks for a new one.
    await post("xa.hoaan", `/console/campaigns/${id}/deactivate`);
    await post("xa.hoaan", `/console/campaigns/${id}/activate`);
    expect(await (await get("xa.hoaan", `/console/campaigns/${id}`)).text()).toContain("Đang chạy");
    const edit = form([w.communes.hoaAn], { templateVi: "Kính gửi {ho_ten}: sắp đến ngày nhận tiền." });
    const preview = await (
      await post(
        "xa.hoaan",
        `/console/campaigns/${id}/edit`,
        new URLSearchParams({ ...Object.fromEntries(edit), intent: "preview" }),
      )
    ).text();
    const fingerprint = /name="previewed" value="([^"]+)"/.exec(preview)?.[1] ?? "";
    edit.set("intent", "save");
    edit.set("previewed", fingerprint);
    expect((await post("xa.hoaan", `/console/campaigns/${id}/edit`, edit)).status).toBe(303);
    expect(await (await get("xa.hoaan", `/console/campaigns/${id}`)).text()).toContain("Chờ duyệt");

    // The same page in English, for the province officer.
    const english = await (await get("tinh.cd", `/console/campaigns/${id}?lang=en`)).text();
    expect(english).toContain("3 days before payout day");
    expect(english).toContain("Awaiting approval");

    const audit = await app.prisma.auditLog.findMany({
      where: { entity: "Campaign", entityId: id },
      orderBy: { at: "asc" },
    });
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual([
      "xa.hoaan campaign.create",
      "xa.hoaan2 campaign.approve",
      "xa.hoaan campaign.deactivate",
      "xa.hoaan campaign.activate",
      "xa.hoaan campaign.edit",
    ]);
  });
});
