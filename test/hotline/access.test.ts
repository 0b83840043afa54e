// Tickets stay inside their area: an agent of another province, or a commune officer a ticket was
// not transferred to, is told it does not exist; a transfer to the commune officer opens it to them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";

const PW = "mat-khau-dai-12345";

describe("who may open a hotline ticket", () => {
  let app: TestApp;
  const tickets: Record<string, number> = {};
  const who: Record<string, SignedIn> = {};
  let officerId = "";

  beforeAll(async () => {
    app = await startTestApp();
    const prisma = app.prisma;
    const north = await prisma.province.create({ data: { code: "941", name: "Tỉnh Bắc" } });
    const south = await prisma.province.create({ data: { code: "942", name: "Tỉnh Nam" } });
    const dong = await prisma.commune.create({ data: { code: "94101", name: "Xã Đông", provinceId: north.id } });
    const tay = await prisma.commune.create({ data: { code: "94201", name: "Xã Tây", provinceId: south.id } });
    await createStaff(prisma, { username: "agent.bac", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["941"] });
    await createStaff(prisma, { username: "agent.nam", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["942"] });
    officerId = (
      await createStaff(prisma, {
        username: "xa.dong",
        password: PW,
        role: "COMMUNE_OFFICER",
        fullName: "Cán bộ xã Đông",
        communeCodes: ["94101"],
      })
    ).id;
    tickets.north = (await prisma.hotlineTicket.create({ data: { topic: "complaint", communeId: dong.id } })).number;
    tickets.south = (await prisma.hotlineTicket.create({ data: { topic: "complaint", communeId: tay.id } })).number;
    for (const u of ["agent.bac", "agent.nam", "xa.dong"]) who[u] = await signIn(app.url, u, PW);
  });
  afterAll(async () => {
    await app?.close();
  });

  const open = (u: string, n: number | undefined) =>
    fetch(`${app.url}/console/hotline/${n}`, { headers: { cookie: who[u]?.cookie ?? "" } }).then((r) => r.status);

  it("lets each agent open only the tickets of their own province", async () => {
    expect(await open("agent.bac", tickets.north)).toBe(200);
    expect(await open("agent.bac", tickets.south)).toBe(404);
    expect(await open("agent.nam", tickets.north)).toBe(404);
    expect(await open("agent.nam", tickets.south)).toBe(200);
  });

  it("keeps the queue to the agent's area", async () => {
    const res = await fetch(`${app.url}/console/hotline`, { headers: { cookie: who["agent.nam"]?.cookie ?? "" } });
    const page = await res.text();
    expect(page).toContain(`#${tickets.south}`);
    expect(page).not.toContain(`#${tickets.north}`);
  });

  it("opens a ticket to the commune officer only once it is transferred to them, and never to the other province", async () => {
    expect(await open("xa.dong", tickets.north)).toBe(404);
    const transfer = await fetch(`${app.url}/console/hotline/${tickets.north}`, {
      method: "POST",
      headers: { cookie: who["agent.bac"]?.cookie ?? "", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: who["agent.bac"]?.csrfToken ?? "", action: "assign", staffId: officerId }),
    });
    expect(transfer.status).toBe(200);
    expect(await open("xa.dong", tickets.north)).toBe(200);
    expect(await open("xa.dong", tickets.south)).toBe(404);
    // The agent of the other province cannot hand their ticket to this officer either.
    const foreign = await fetch(`${app.url}/console/hotline/${tickets.south}`, {
      method: "POST",
      headers: { cookie: who["agent.nam"]?.cookie ?? "", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: who["agent.nam"]?.csrfToken ?? "", action: "assign", staffId: officerId }),
    });
    expect(foreign.status).toBe(422);
    const audit = await app.prisma.auditLog.findMany({ where: { action: "hotline.assign" } });
    expect(audit).toHaveLength(1);
  });
});
