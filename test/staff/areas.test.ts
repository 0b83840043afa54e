import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { todayInVietnam } from "../../src/lib/calendarDate.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { seedWorld, type World } from "../console/fixtures.ts";

const PW = "mat-khau-dung-1";

describe("areas, roles and the JSON API", () => {
  let app: TestApp;
  let world: World;
  const who: Record<string, SignedIn> = {};

  beforeAll(async () => {
    app = await startTestApp();
    world = await seedWorld(app.prisma);
    await createStaff(app.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
      provinceCodes: ["901"],
    });
    await createStaff(app.prisma, {
      username: "tinh.901",
      password: PW,
      role: "PROVINCE_OFFICER",
      provinceCodes: ["901"],
    });
    await createStaff(app.prisma, {
      username: "tongdai.902",
      password: PW,
      role: "HOTLINE_AGENT",
      provinceCodes: ["902"],
    });
    await createStaff(app.prisma, { username: "admin", password: PW, role: "ADMIN" });
    for (const u of ["xa.hoaan", "tinh.901", "tongdai.902", "admin"]) who[u] = await signIn(app.url, u, PW);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (user: string, path: string) =>
    fetch(`${app.url}${path}`, {
      headers: { cookie: who[user]!.cookie, accept: path.startsWith("/api") ? "application/json" : "text/html" },
      redirect: "manual",
    });

  async function namesFound(user: string, query = ""): Promise<string[]> {
    const res = await get(user, `/api/beneficiaries${query}`);
    expect(res.status).toBe(200);
    const body = z.object({ rows: z.array(z.object({ fullName: z.string() })) }).parse(await res.json());
    return body.rows.map((r) => r.fullName).sort();
  }

  it("gives a commune officer their own communes only, even with a province on file", async () => {
    expect(await namesFound("xa.hoaan")).toEqual(["Nguyễn Thị Đào", "Phạm Văn An"]);
    const me = z
      .object({ role: z.string(), communes: z.array(z.object({ code: z.string() })) })
      .parse(await (await get("xa.hoaan", "/api/me")).json());
    expect(me.role).toBe("COMMUNE_OFFICER");
    expect(me.communes.map((c) => c.code)).toEqual(["90101"]);
  });

  it("gives a province officer every commune of the province, a hotline agent theirs, an admin all", async () => {
    expect(await namesFound("tinh.901")).toEqual(["Nguyễn Thị Đào", "Phạm Văn An", "Trần Thị Bình"]);
    expect(await namesFound("tongdai.902")).toEqual(["Nguyễn Thị Cúc"]);
    expect(await namesFound("admin")).toHaveLength(4);
  });

  it("finds people by name without diacritics, by the last ID digits and by phone", async () => {
    expect(await namesFound("tinh.901", "?q=nguyen%20dao")).toEqual(["Nguyễn Thị Đào"]);
    expect(await namesFound("tinh.901", "?q=BINH")).toEqual(["Trần Thị Bình"]);
    expect(await namesFound("tinh.901", "?q=3456")).toEqual(["Nguyễn Thị Đào"]);
    expect(await namesFound("tinh.901", "?q=%2B84%20912%20345%20678")).toEqual(["Nguyễn Thị Đào"]);
    expect(await namesFound("tinh.901", "?status=SUSPENDED")).toEqual(["Phạm Văn An"]);
    expect(await namesFound("tinh.901", `?communeId=${world.communes.b}`)).toEqual(["Trần Thị Bình"]);
  });

  it("hides people outside the area: not in search, 404 by page and by API", async () => {
    expect(await namesFound("xa.hoaan", "?q=nguyen")).toEqual(["Nguyễn Thị Đào"]);
    expect(await namesFound("xa.hoaan", `?communeId=${world.communes.c}`)).toEqual([]);
    const page = await get("xa.hoaan", `/console/beneficiaries/${world.people.cuong}`);
    expect(page.status).toBe(404);
    const unknown = await get("xa.hoaan", `/console/beneficiaries/00000000-0000-4000-8000-000000000000`);
    expect(await page.text()).toBe(await unknown.text());
    expect((await get("xa.hoaan", `/api/beneficiaries/${world.people.cuong}`)).status).toBe(404);
    expect((await get("tongdai.902", `/api/beneficiaries/${world.people.cuong}`)).status).toBe(200);
    expect(
      await app.prisma.auditLog.count({ where: { entityId: world.people.cuong, staff: { username: "xa.hoaan" } } }),
    ).toBe(0);
  });

  it("serves a masked record through the API and audits the view", async () => {
    const res = await get("xa.hoaan", `/api/beneficiaries/${world.people.dao}`);
    const text = await res.text();
    expect(text).not.toContain("001140123456");
    expect(text).not.toContain("1500205123456");
    const body = z
      .object({ personalIdMasked: z.string(), accounts: z.array(z.object({ accountMasked: z.string() })) })
      .parse(JSON.parse(text));
    expect(body.personalIdMasked).toBe("••••••••3456");
    expect(body.accounts[0]?.accountMasked).toBe("••••••••3456");
    const audit = await app.prisma.auditLog.findFirst({
      where: { action: "beneficiary.view", entityId: world.people.dao },
      include: { staff: true },
    });
    expect(audit?.staff?.username).toBe("xa.hoaan");
    expect(audit?.detail).toEqual({ via: "api" });
  });

  it("answers 401 in JSON when not signed in and 400 on a bad query", async () => {
    const anon = await fetch(`${app.url}/api/beneficiaries`);
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ error: "unauthenticated" });
    expect((await get("admin", "/api/beneficiaries?page=zero")).status).toBe(400);
    expect((await get("admin", "/api/beneficiaries?status=ALIVE")).status).toBe(400);
  });

  it("keeps hotline agents out of imports, exports and the audit log", async () => {
    for (const path of ["/console/audit", "/console/imports", "/console/exports"]) {
      expect((await get("tongdai.902", path)).status, path).toBe(403);
    }
    expect((await get("xa.hoaan", "/console/audit")).status).toBe(200);
  });

  it("shows the full personal ID only after the audited 'show' action", async () => {
    const page = await (await get("xa.hoaan", `/console/beneficiaries/${world.people.dao}`)).text();
    expect(page).not.toContain("001140123456");
    expect(page).toContain("••••••••3456");
    const reveal = await fetch(`${app.url}/console/beneficiaries/${world.people.dao}/reveal`, {
      method: "POST",
      headers: { cookie: who["xa.hoaan"]!.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: who["xa.hoaan"]!.csrfToken }),
    });
    expect(reveal.status).toBe(200);
    expect(await reveal.text()).toContain("001140123456");
    expect(
      await app.prisma.auditLog.count({ where: { action: "beneficiary.reveal_id", entityId: world.people.dao } }),
    ).toBe(1);
    const outside = await fetch(`${app.url}/console/beneficiaries/${world.people.cuong}/reveal`, {
      method: "POST",
      headers: { cookie: who["xa.hoaan"]!.cookie, "x-csrf-token": who["xa.hoaan"]!.csrfToken },
    });
    expect(outside.status).toBe(404);
  });

  it("shows officers their own actions and their area's records in the audit log; admins see everything", async () => {
    await get("tongdai.902", `/console/beneficiaries/${world.people.cuong}`);
    await get("tinh.901", `/console/beneficiaries/${world.people.binh}`);
    const officer = await (await get("xa.hoaan", "/console/audit")).text();
    expect(officer).toContain("Nguyễn Thị Đào");
    expect(officer).not.toContain("Nguyễn Thị Cúc");
    expect(officer).not.toContain("Trần Thị Bình");
    const province = await (await get("tinh.901", "/console/audit?action=beneficiary.view")).text();
    expect(province).toContain("Trần Thị Bình");
    expect(province).toContain("Nguyễn Thị Đào"); // the commune officer's views in the province
    expect(province).not.toContain("Nguyễn Thị Cúc");
    const admin = await (await get("admin", "/console/audit?actor=tongdai")).text();
    expect(admin).toContain("Nguyễn Thị Cúc");
    expect(admin).not.toContain("Trần Thị Bình");
  });

  it("filters the audit log by day (Vietnam time)", async () => {
    const today = todayInVietnam(new Date());
    const tomorrow = addDays(today, 1);
    const yesterday = addDays(today, -1);
    expect(await (await get("admin", `/console/audit?from=${today}&to=${today}`)).text()).toContain("Nguyễn Thị Đào");
    expect(await (await get("admin", `/console/audit?from=${tomorrow}`)).text()).toContain("Không có mục nào.");
    expect(await (await get("admin", `/console/audit?to=${yesterday}`)).text()).toContain("Không có mục nào.");
    expect((await get("admin", "/console/audit?from=31/12/2026")).status).toBe(400);
  });

  it("counts the area's people and the latest month's payouts on the home page", async () => {
    const home = await (await get("xa.hoaan", "/console")).text();
    expect(home).toContain("Địa bàn: Xã Hòa An");
    expect(home).toMatch(/stat-num">2<\/span><span class="stat-label">Tổng số đối tượng/);
    expect(home).toContain("Chi trả kỳ 06/2026");
    expect(home).toContain("1.250.000 đ");
    expect(home).not.toContain("750.000 đ"); // June payouts of other communes
  });

  it("switches to English and remembers the choice on the account", async () => {
    const en = await (await get("tinh.901", "/console/beneficiaries?lang=en")).text();
    expect(en).toContain("Latest payout method");
    expect(en).toContain('<html lang="en">');
    const user = await app.prisma.staffUser.findUniqueOrThrow({ where: { username: "tinh.901" } });
    expect(user.locale).toBe("en");
    expect(await (await get("tinh.901", "/console")).text()).toContain("Beneficiaries in total");
  });
});

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
