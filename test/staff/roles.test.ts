// What each role is shown of a person's record, and who may reveal a full personal ID: a hotline
// agent must never get what links a chat as the person (a link code, or the full ID with the date of
// birth and the phone's last digits), and IDs are not read in bulk by anyone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { seedWorld, type World } from "../console/fixtures.ts";

const PW = "mat-khau-dung-1";
const CODE = "KHMT4Q7R";
const DAO_ID = "001140123456";
const DAO_PHONE = "0912345678";
const HOA_PHONE = "0987654321";

describe("what each staff role sees of a person, and revealing IDs", () => {
  let app: TestApp;
  let world: World;
  const who: Record<string, SignedIn> = {};

  beforeAll(async () => {
    app = await startTestApp({ env: { ID_REVEALS_PER_HOUR: "3", SESSION_IDLE_MINUTES: "120" } });
    world = await seedWorld(app.prisma);
    await createStaff(app.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
    });
    await createStaff(app.prisma, {
      username: "tinh.901",
      password: PW,
      role: "PROVINCE_OFFICER",
      provinceCodes: ["901"],
    });
    await createStaff(app.prisma, {
      username: "tongdai.901",
      password: PW,
      role: "HOTLINE_AGENT",
      provinceCodes: ["901"],
    });
    await createStaff(app.prisma, { username: "quantri", password: PW, role: "ADMIN" });
    for (const u of ["xa.hoaan", "tinh.901", "tongdai.901", "quantri"]) who[u] = await signIn(app.url, u, PW);
    await app.prisma.linkCode.create({
      data: {
        code: CODE,
        beneficiaryId: world.people.dao,
        communeId: world.communes.a,
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (user: string, path: string) =>
    fetch(`${app.url}${path}`, {
      headers: { cookie: who[user]!.cookie, accept: path.startsWith("/api") ? "application/json" : "text/html" },
    });
  const reveal = (user: string, id: string) =>
    fetch(`${app.url}/console/beneficiaries/${id}/reveal`, {
      method: "POST",
      headers: { cookie: who[user]!.cookie, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams({ _csrf: who[user]!.csrfToken }),
    });

  it("shows a hotline agent no link code, on the page or through the API, and the officer who prints them does see it", async () => {
    const page = await (await get("tongdai.901", `/console/beneficiaries/${world.people.dao}`)).text();
    const api = await (await get("tongdai.901", `/api/beneficiaries/${world.people.dao}`)).text();
    for (const text of [page, api]) {
      expect(text).toContain("Nguyễn Thị Đào");
      expect(text).not.toContain(CODE);
    }
    expect(z.object({ linkCodes: z.array(z.unknown()) }).parse(JSON.parse(api)).linkCodes).toEqual([]);
    expect(await (await get("xa.hoaan", `/console/beneficiaries/${world.people.dao}`)).text()).toContain(CODE);
  });

  it("lets no hotline agent or administrator reveal a full ID, and offers them no button for it", async () => {
    for (const user of ["tongdai.901", "quantri"]) {
      const page = await (await get(user, `/console/beneficiaries/${world.people.dao}`)).text();
      expect(page).not.toContain("Hiện số định danh");
      const res = await reveal(user, world.people.dao);
      expect(res.status, user).toBe(403);
      expect(await res.text()).not.toContain(DAO_ID);
    }
    expect(await app.prisma.auditLog.count({ where: { action: "beneficiary.reveal_id" } })).toBe(0);
  });

  it("masks phone numbers for roles that do not call people, keeping only the last two digits", async () => {
    for (const user of ["tinh.901", "quantri"]) {
      const page = await (await get(user, `/console/beneficiaries/${world.people.dao}`)).text();
      const api = await (await get(user, `/api/beneficiaries/${world.people.dao}`)).text();
      for (const text of [page, api]) {
        expect(text, user).not.toContain(DAO_PHONE);
        expect(text, user).not.toContain(HOA_PHONE);
        expect(text, user).not.toContain("5678");
        expect(text, user).toContain("••••••••78");
      }
    }
    for (const user of ["xa.hoaan", "tongdai.901"]) {
      const page = await (await get(user, `/console/beneficiaries/${world.people.dao}`)).text();
      expect(page, user).toContain(DAO_PHONE);
      expect(page, user).toContain(HOA_PHONE);
    }
  });

  it("limits each officer to a few revealed IDs an hour, audits each one, and lifts the limit after the hour", async () => {
    const ids = [world.people.dao, world.people.an, world.people.binh];
    for (const id of ids) expect((await reveal("tinh.901", id)).status).toBe(200);
    const fourth = await reveal("tinh.901", world.people.dao);
    expect(fourth.status).toBe(429);
    const text = await fourth.text();
    expect(text).toContain("Bạn đã xem đủ 3 số định danh trong một giờ qua.");
    expect(text).not.toContain(DAO_ID);
    expect(
      await app.prisma.auditLog.count({ where: { action: "beneficiary.reveal_id", staff: { username: "tinh.901" } } }),
    ).toBe(3);
    expect(
      await app.prisma.auditLog.count({
        where: { action: "beneficiary.reveal_limited", staff: { username: "tinh.901" } },
      }),
    ).toBe(1);
    // Another officer has their own count.
    expect((await reveal("xa.hoaan", world.people.dao)).status).toBe(200);
    app.clock.advance(61 * 60_000);
    const later = await reveal("tinh.901", world.people.dao);
    expect(later.status).toBe(200);
    expect(await later.text()).toContain(DAO_ID);
  });
});
