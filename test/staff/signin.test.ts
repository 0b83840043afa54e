import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiePair, createStaff, signIn, startTestApp, type TestApp } from "../helpers/app.ts";
import { seedWorld } from "../console/fixtures.ts";

const MINUTE = 60_000;

describe("staff sign-in, delays and sessions", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        LOGIN_MAX_FAILURES: "3",
        LOGIN_ADDRESS_MAX_FAILURES: "8",
        LOGIN_MAX_DELAY_MINUTES: "2",
        SESSION_TTL_MINUTES: "30",
        SESSION_IDLE_MINUTES: "10",
      },
    });
    await seedWorld(app.prisma);
    await createStaff(app.prisma, {
      username: "hoa.an",
      password: "mat-khau-dung-1",
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
      fullName: "Cán bộ Hòa An",
    });
    await createStaff(app.prisma, {
      username: "locky",
      password: "mat-khau-dung-2",
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
    });
    await createStaff(app.prisma, { username: "admin", password: "mat-khau-dung-3", role: "ADMIN" });
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

  /** Each test signs in from its own client address (the service sits behind a local proxy). */
  let nextAddress = 10;
  const newAddress = () => `198.51.100.${nextAddress++}`;
  const HOME = "203.0.113.7";

  async function postLogin(
    fields: Record<string, string>,
    withToken = true,
    from: { address?: string; browser?: string } = {},
  ) {
    const form = await loginForm();
    return fetch(`${app.url}/console/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: [form.cookie, from.browser].filter(Boolean).join("; "),
        "x-forwarded-for": from.address ?? HOME,
      },
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
    const local = await postLogin({
      username: "hoa.an",
      password: "mat-khau-dung-1",
      next: "/console/beneficiaries?q=dao",
    });
    expect(local.headers.get("location")).toBe("/console/beneficiaries?q=dao");
    for (const next of ["//evil.example/console", "https://evil.example/", "/console/../../x\\y", "/consolex"]) {
      const res = await postLogin({ username: "hoa.an", password: "mat-khau-dung-1", next });
      expect(res.headers.get("location"), next).toBe("/console");
    }
  });

  it("answers an unknown username exactly like a known one, through the free tries and the delays after them", async () => {
    const answers = async (username: string) => {
      const address = newAddress();
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        // Every other try waits out the delay asked for; the others come at once.
        if (i === 4) app.clock.advance(1500);
        const res = await postLogin({ username, password: "sai-mat-khau" }, true, { address });
        const text = await res.text();
        seen.push(`${res.status} ${/role="alert">([^<]*)</.exec(text)?.[1] ?? ""}`);
      }
      return seen;
    };
    const known = await answers("locky");
    const unknown = await answers("chua.co.ai");
    expect(known).toEqual(unknown);
    // Three free tries, then a wait of a second, then twice as long.
    expect(known.map((a) => a.slice(0, 3))).toEqual(["401", "401", "401", "429", "401", "429"]);
    expect(known[3]).toContain("Vui lòng chờ 1 giây rồi thử lại.");
    expect(known[5]).toContain("Vui lòng chờ 2 giây rồi thử lại.");
    app.clock.advance(5 * MINUTE);
  });

  it("never lets a stranger's wrong passwords stop the owner signing in from a browser that signed in before", async () => {
    const first = await postLogin({ username: "admin", password: "mat-khau-dung-3" });
    expect(first.status).toBe(303);
    const browser = cookiePair(first.headers.getSetCookie(), "asb_browser");
    expect(browser).toBeDefined();
    // A stranger tries twenty passwords from twenty addresses: the name is slowed down, not locked.
    // The service's clock stands still meanwhile, so a slow machine never lets a delay run out.
    app.clock.stop();
    const stranger: number[] = [];
    for (let i = 0; i < 20; i++)
      stranger.push(
        (await postLogin({ username: "admin", password: `doan-${i}` }, true, { address: newAddress() })).status,
      );
    expect(stranger.slice(0, 3)).toEqual([401, 401, 401]);
    // After three free tries each must wait (1 s, 2 s, 4 s…): with no time passing, none gets as
    // far as a password check.
    expect(stranger).toEqual([401, 401, 401, ...Array<number>(17).fill(429)]);
    // The owner, from their usual browser, at once.
    const owner = await postLogin({ username: "admin", password: "mat-khau-dung-3" }, true, { browser });
    expect(owner.status).toBe(303);
    // A browser cookie made up for the account is not one the service gave out.
    const forged = `asb_browser=${"A".repeat(22)}.${"B".repeat(32)}`;
    expect(
      (await postLogin({ username: "admin", password: "mat-khau-dung-3" }, true, { browser: forged })).status,
    ).toBe(429);
    // From a new browser the owner waits at most the longest delay (two minutes here), then gets in.
    app.clock.advance(2 * MINUTE + 1000);
    expect(
      (await postLogin({ username: "admin", password: "mat-khau-dung-3" }, true, { address: newAddress() })).status,
    ).toBe(303);
    expect(
      await app.prisma.auditLog.count({ where: { action: "login.throttled", actor: "admin" } }),
    ).toBeGreaterThanOrEqual(12);
  });

  it("slows down one client address trying many names, and a burst of parallel guesses gets no more than the free tries", async () => {
    const address = newAddress();
    const many: number[] = [];
    for (let i = 0; i < 9; i++)
      many.push((await postLogin({ username: `ten-${i}`, password: "sai-mat-khau" }, true, { address })).status);
    expect(many).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);

    app.clock.advance(5 * MINUTE);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        postLogin({ username: "hoa.an", password: "doan-bua" }, true, { address: newAddress() }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    app.clock.advance(5 * MINUTE);
  });

  it("ends a session after the idle time", async () => {
    const { cookie } = await signIn(app.url, "hoa.an", "mat-khau-dung-1");
    app.clock.advance(9 * MINUTE);
    expect((await fetch(`${app.url}/console`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    app.clock.advance(11 * MINUTE);
    const res = await fetch(`${app.url}/console/beneficiaries`, {
      headers: { cookie, accept: "text/html" },
      redirect: "manual",
    });
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
    const forged = await fetch(`${app.url}/console/logout`, {
      method: "POST",
      headers: { cookie, accept: "text/html" },
      redirect: "manual",
    });
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

    const out = await fetch(`${app.url}/console/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken },
      redirect: "manual",
    });
    expect(out.status).toBe(303);
    expect((await fetch(`${app.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });
});
