import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiePair, createStaff, signIn, startTestApp, type TestApp } from "../helpers/app.ts";
import { seedWorld } from "../console/fixtures.ts";

const MINUTE = 60_000;

describe("staff sign-in, lockout and sessions", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { LOGIN_MAX_FAILURES: "3", LOGIN_LOCK_MINUTES: "15", SESSION_TTL_MINUTES: "30", SESSION_IDLE_MINUTES: "10" },
    });
    await seedWorld(app.prisma);
    await createStaff(app.prisma, { username: "hoa.an", password: "mat-khau-dung-1", role: "COMMUNE_OFFICER", communeCodes: ["90101"], fullName: "Cán bộ Hòa An" });
    await createStaff(app.prisma, { username: "locky", password: "mat-khau-dung-2", role: "COMMUNE_OFFICER", communeCodes: ["90101"] });
  });
  afterAll(async () => {
    await app?.close();
  });

  async function loginForm(): Promise<{ cookie: string; token: string }> {
    const res = await fetch(`${app.url}/console/login`);
    const cookie = cookiePair(res.headers.getSetCookie(), "asb_login_csrf") ?? "";
    const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? "";
    return { cookie, token };
  }

  async function postLogin(fields: Record<string, string>, withToken = true) {
    const form = await loginForm();
    return fetch(`${app.url}/console/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: form.cookie },
      body: new URLSearchParams({ ...fields, ...(withToken ? { _csrf: form.token } : {}) }),
    });
  }

  it("signs in with the right password and stores only a hash of the session token", async () => {
    const res = await postLogin({ username: "Hoa.An", password: "mat-khau-dung-1" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("asb_session="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const token = decodeURIComponent(setCookie!.split(";")[0]!.slice("asb_session=".length));
    const sha = createHash("sha256").update(token).digest("hex");
    expect(await app.prisma.staffSession.count({ where: { id: sha } })).toBe(1);
    expect(await app.prisma.staffSession.count({ where: { id: token } })).toBe(0);
    const home = await fetch(`${app.url}/console`, { headers: { cookie: `asb_session=${token}` } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Cán bộ Hòa An");
  });

  it("answers an unknown username exactly like a wrong password, and audits both", async () => {
    const wrong = await postLogin({ username: "hoa.an", password: "sai-mat-khau" });
    const unknown = await postLogin({ username: "khong.co.ai", password: "sai-mat-khau" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const wrongText = await wrong.text();
    expect(wrongText).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    expect(await unknown.text()).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    const audit = await app.prisma.auditLog.findMany({ where: { action: "login.failed" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.actor)).toEqual(expect.arrayContaining(["hoa.an", "khong.co.ai"]));
    await app.prisma.staffUser.update({ where: { username: "hoa.an" }, data: { failedLogins: 0 } });
  });

  it("refuses a sign-in posted without the login form's token", async () => {
    const res = await postLogin({ username: "hoa.an", password: "mat-khau-dung-1" }, false);
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("asb_session="))).toBe(false);
  });

  it("follows ?next= only to console pages", async () => {
    const local = await postLogin({ username: "hoa.an", password: "mat-khau-dung-1", next: "/console/beneficiaries?q=dao" });
    expect(local.headers.get("location")).toBe("/console/beneficiaries?q=dao");
    for (const next of ["//evil.example/console", "https://evil.example/", "/console/../../x\\y", "/consolex"]) {
      const res = await postLogin({ username: "hoa.an", password: "mat-khau-dung-1", next });
      expect(res.headers.get("location"), next).toBe("/console");
    }
  });

  it("locks the account after the limit, even for the right password, and lifts the lock after the lock time", async () => {
    for (let i = 0; i < 2; i++) expect((await postLogin({ username: "locky", password: "nope-nope" })).status).toBe(401);
    const third = await postLogin({ username: "locky", password: "nope-nope" });
    expect(third.status).toBe(429);
    expect(await third.text()).toContain("Tài khoản đang tạm khóa vì nhập sai mật khẩu 3 lần. Vui lòng thử lại sau 15 phút");
    const right = await postLogin({ username: "locky", password: "mat-khau-dung-2" });
    expect(right.status).toBe(429);
    expect(await app.prisma.auditLog.count({ where: { action: "login.lockout", actor: "locky" } })).toBe(1);
    expect(await app.prisma.auditLog.count({ where: { action: "login.blocked", actor: "locky" } })).toBe(1);

    app.clock.advance(16 * MINUTE);
    const after = await postLogin({ username: "locky", password: "mat-khau-dung-2" });
    expect(after.status).toBe(303);
    const user = await app.prisma.staffUser.findUniqueOrThrow({ where: { username: "locky" } });
    expect(user.failedLogins).toBe(0);
    expect(user.lockedUntil).toBeNull();
  });

  it("ends a session after the idle time", async () => {
    const { cookie } = await signIn(app.url, "hoa.an", "mat-khau-dung-1");
    app.clock.advance(9 * MINUTE);
    expect((await fetch(`${app.url}/console`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    app.clock.advance(11 * MINUTE);
    const res = await fetch(`${app.url}/console/beneficiaries`, { headers: { cookie, accept: "text/html" }, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/console/login?next=%2Fconsole%2Fbeneficiaries");
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("ends a busy session at its absolute lifetime", async () => {
    const { cookie } = await signIn(app.url, "hoa.an", "mat-khau-dung-1");
    for (let i = 0; i < 3; i++) {
      app.clock.advance(9 * MINUTE);
      expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    }
    app.clock.advance(4 * MINUTE); // 31 minutes after sign-in, 4 since the last request
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("refuses a state-changing request without the session's CSRF token, and signs out with it", async () => {
    const { cookie, csrfToken } = await signIn(app.url, "hoa.an", "mat-khau-dung-1");
    const forged = await fetch(`${app.url}/console/logout`, { method: "POST", headers: { cookie, accept: "text/html" }, redirect: "manual" });
    expect(forged.status).toBe(403);
    const wrong = await fetch(`${app.url}/console/logout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: "x".repeat(43) }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(403);
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(200);
    const apiPost = await fetch(`${app.url}/api/me`, { method: "POST", headers: { cookie } });
    expect(apiPost.status).toBe(403);

    const out = await fetch(`${app.url}/console/logout`, { method: "POST", headers: { cookie, "x-csrf-token": csrfToken }, redirect: "manual" });
    expect(out.status).toBe(303);
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});
