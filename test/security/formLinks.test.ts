// The printable authorisation form carries both people's full IDs. Its link is the person's alone:
// the request keeps only a hash of its token, it closes after AUTHORISATION_FORM_DAYS even while
// the request waits, every opening is audited, and officers open the form through the console.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/db/migrator.ts";
import { createHarness, type Harness, type Person } from "../chat/harness.ts";
import { createStaff, movableClock, signIn, startTestApp, type TestApp } from "../helpers/app.ts";
import { storedText } from "../helpers/storedText.ts";
import { chatter, OFFICER_PASSWORD, seedRequestWorld } from "../requests/world.ts";

const DAY = 86_400_000;

describe("the printable authorisation form's link", () => {
  let app: TestApp;
  let h: Harness;
  let hoa: Person;
  let formPath = "";
  let requestId = "";

  beforeAll(async () => {
    app = await startTestApp({
      clock: movableClock(new Date("2026-07-17T03:00:00Z")),
      env: { AUTHORISATION_FORM_DAYS: "30", SESSION_IDLE_MINUTES: "1440" },
    });
    await seedRequestWorld(app.prisma);
    const province = await app.prisma.province.findUniqueOrThrow({ where: { code: "911" } });
    await app.prisma.commune.create({ data: { code: "91102", name: "Xã Bên Cạnh", provinceId: province.id } });
    await createStaff(app.prisma, {
      username: "xa.bencanh",
      password: OFFICER_PASSWORD,
      role: "COMMUNE_OFFICER",
      communeCodes: ["91102"],
    });
    h = createHarness(app.prisma, app.clock.now());
    hoa = chatter(app.prisma, h.person("web-form-hoa"));
    for (const s of [
      "rq:auth",
      "001140123456",
      "09/05/1940",
      "5678",
      "Lê Thị Hoa",
      "rq:rel:child",
      "001190222333",
      "0987654321",
      "rq:m:2026-08-01",
      "rq:dur:6",
      "rq:next",
    ]) {
      await (s.startsWith("rq:") ? hoa.press(s) : hoa.send(s));
    }
    const sent = await hoa.press("rq:send");
    // The link button opens the printable form on the page's own site.
    formPath = String(sent[0]?.buttons?.flat().find((b) => b.url)?.url);
    requestId = (
      await app.prisma.changeRequest.findFirstOrThrow({ where: { kind: "AUTHORISATION", status: "PENDING" } })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const open = (p: string, headers: Record<string, string> = {}) => fetch(`${app.url}${p}`, { headers });

  it("is kept with the request only as a hash of its token (the link itself is in the reply to the person's chat), and every opening is audited with its address", async () => {
    const token = /\/forms\/authorisation\/([A-Za-z0-9_-]{32})$/.exec(formPath)?.[1] ?? "";
    expect(token).not.toBe("");
    const request = await app.prisma.changeRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.formToken).toBeNull();
    expect(request.formTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(await storedText(app.prisma)).not.toContain(token);

    const res = await open(formPath, { "x-forwarded-for": "203.0.113.9" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("001190222333");
    const audit = await app.prisma.auditLog.findMany({ where: { action: "request.form_open", entityId: requestId } });
    expect(audit.map((a) => [a.actor, a.ip])).toEqual([["form-link", "203.0.113.9"]]);
  });

  it("lets the officer of the commune open the form from the console, audited; nobody else", async () => {
    const officer = await signIn(app.url, "xa.hoaan", OFFICER_PASSWORD);
    const page = await (await open(`/console/requests/${requestId}`, { cookie: officer.cookie })).text();
    expect(page).toContain(`/console/requests/${requestId}/form`);
    expect(page).not.toContain("/forms/authorisation/");
    const form = await open(`/console/requests/${requestId}/form`, { cookie: officer.cookie });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("GIẤY ỦY QUYỀN");
    expect(
      await app.prisma.auditLog.count({
        where: { action: "request.form_open", entityId: requestId, actor: "xa.hoaan" },
      }),
    ).toBe(1);
    const other = await signIn(app.url, "xa.bencanh", OFFICER_PASSWORD);
    expect((await open(`/console/requests/${requestId}/form`, { cookie: other.cookie })).status).toBe(404);
  });

  it("closes after the days it is given, even while the request still waits", async () => {
    app.clock.advance(29 * DAY);
    expect((await open(formPath)).status).toBe(200);
    app.clock.advance(2 * DAY);
    const late = await open(formPath);
    expect(late.status).toBe(404);
    expect(await late.text()).toContain("Giấy này không còn mở được. Bác hỏi cán bộ xã.");
    expect((await app.prisma.changeRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING");
  });

  it("keeps links given out before working through their hash after the upgrade", async () => {
    const token = "OldFormTokenFromLastMonth0123456";
    await app.prisma.changeRequest.update({
      where: { id: requestId },
      data: { formToken: token, formTokenHash: null, formIssuedAt: null },
    });
    expect((await open(`/forms/authorisation/${token}`)).status).toBe(404);
    const migration = await readFile(
      path.join(MIGRATIONS_DIR, "20261206145653_hash_form_tokens", "migration.sql"),
      "utf8",
    );
    await app.prisma.$executeRawUnsafe(migration);
    const request = await app.prisma.changeRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.formToken).toBeNull();
    // The upgrade gives old links their days from now (the database's clock).
    app.clock.set(new Date());
    expect((await open(`/forms/authorisation/${token}`)).status).toBe(200);
  });
});
