// Every console page and JSON route, found by walking the application's own routes (so a new route
// cannot be forgotten), against the access rules: who may use it by role, that nobody gets in
// without signing in, that no write passes without the session's CSRF token, and that an officer
// never reaches a person, request, ticket, broadcast or campaign of another area.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffRole } from "../../src/generated/prisma/enums.ts";
import { createApp } from "../../src/http/app.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";

interface Route {
  method: "get" | "post";
  path: string;
}

/** Every role: each is tried on every route. */
const EVERYONE: StaffRole[] = ["ADMIN", "PROVINCE_OFFICER", "COMMUNE_OFFICER", "HOTLINE_AGENT", "POST_OFFICE"];
/** Staff who work with people's records (the post-office worker sees only the person at the door). */
const ALL: StaffRole[] = ["ADMIN", "PROVINCE_OFFICER", "COMMUNE_OFFICER", "HOTLINE_AGENT"];
const OFFICERS: StaffRole[] = ["ADMIN", "PROVINCE_OFFICER", "COMMUNE_OFFICER"];
const HOTLINE: StaffRole[] = ["ADMIN", "HOTLINE_AGENT", "COMMUNE_OFFICER"];
/** Officers of an area: a full personal ID is shown to nobody else. */
const AREA_OFFICERS: StaffRole[] = ["PROVINCE_OFFICER", "COMMUNE_OFFICER"];

/**
 * Who may use each route: the first matching rule decides. `public` routes need no sign-in.
 * A route that matches no rule fails the test: every new route needs a decision here.
 */
const POLICY: { match: RegExp; roles: StaffRole[] | "public" }[] = [
  { match: /^\/$|^\/readyz$|^\/forms\//, roles: "public" },
  { match: /^\/console\/login$/, roles: "public" },
  { match: /^\/console\/beneficiaries\/:id\/chat-data/, roles: OFFICERS },
  { match: /^\/console\/beneficiaries\/:id\/reveal$/, roles: AREA_OFFICERS },
  { match: /^\/console\/(|logout)$/, roles: EVERYONE },
  { match: /^\/console\/beneficiaries\/?.*$/, roles: ALL },
  {
    match:
      /^\/console\/(audit|imports|exports|link-codes|slips|collectors|amount-checks|requests|reach|dashboard|broadcasts|campaigns)\//,
    roles: OFFICERS,
  },
  { match: /^\/console\/hotline\//, roles: HOTLINE },
  { match: /^\/console\/post-office\//, roles: ["POST_OFFICE"] },
  // Every officer reads the policy; province officers and admins enter and decide changes.
  {
    match: /^\/console\/policy\/(form\/|rate-tables|import|changes\/:id\/decide)/,
    roles: ["ADMIN", "PROVINCE_OFFICER"],
  },
  { match: /^\/console\/policy\//, roles: OFFICERS },
  // One's own account: every signed-in member of staff.
  { match: /^\/api\/me$/, roles: EVERYONE },
  { match: /^\/api\//, roles: ALL },
];

function policyOf(route: Route): StaffRole[] | "public" {
  const rule = POLICY.find((r) => r.match.test(route.path));
  if (!rule) throw new Error(`no access rule for ${route.method.toUpperCase()} ${route.path}`);
  return rule.roles;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: unknown;
  handle?: { stack?: RouterLayer[] };
}

function routesOf(stack: RouterLayer[], prefix = ""): Route[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`;
      return Object.keys(layer.route.methods)
        .filter((m): m is Route["method"] => m === "get" || m === "post")
        .map((method) => ({ method, path }));
    }
    if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
      return routesOf(layer.handle.stack, prefix + mount);
    }
    return [];
  });
}

let app: TestApp;
let world: World;
let routes: Route[];
const staff = new Map<StaffRole, SignedIn>();
let elsewhere: { beneficiary: string; request: string; ticket: number; broadcast: string; campaign: string };

/** Fills a route's parameters: ticket numbers, or ids of things that exist nowhere. */
function concrete(path: string, ids: Partial<Record<string, string>> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? (name === "number" ? "987654" : randomUUID()));
}

async function call(route: Route, path: string, who: SignedIn | null, withCsrf = true): Promise<number> {
  const controller = new AbortController();
  const res = await fetch(`${app.url}${path}`, {
    method: route.method.toUpperCase(),
    redirect: "manual",
    signal: controller.signal,
    headers: {
      // As a browser asks for a page; the JSON API is asked for JSON.
      accept: path.startsWith("/api/") ? "application/json" : "text/html",
      ...(who ? { cookie: who.cookie } : {}),
      ...(route.method === "post" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(route.method === "post" ? { body: new URLSearchParams(who && withCsrf ? { _csrf: who.csrfToken } : {}) } : {}),
  });
  // Event streams stay open: the status is all that is needed.
  controller.abort();
  return res.status;
}

beforeAll(async () => {
  app = await startTestApp();
  world = await seedWorld(app.prisma);
  const password = "mat-khau-dai-du-12";
  const accounts: [StaffRole, string, { communeCodes?: string[]; provinceCodes?: string[] }][] = [
    ["ADMIN", "quantri", {}],
    ["PROVINCE_OFFICER", "tinh.901", { provinceCodes: ["901"] }],
    ["COMMUNE_OFFICER", "xa.hoaan", { communeCodes: ["90101"] }],
    ["HOTLINE_AGENT", "tongdai.901", { provinceCodes: ["901"] }],
    ["POST_OFFICE", "buudien.hoaan", { communeCodes: ["90101"] }],
  ];
  for (const [role, username, area] of accounts) {
    await createStaff(app.prisma, { username, password, role, ...area });
    staff.set(role, await signIn(app.url, username, password));
  }
  // Things of the other province (902), made by its own officer.
  const other = await createStaff(app.prisma, {
    username: "tinh.902",
    password,
    role: "PROVINCE_OFFICER",
    provinceCodes: ["902"],
  });
  const request = await app.prisma.changeRequest.create({
    data: { kind: "UPDATE_INFO", beneficiaryId: world.people.cuong, data: { phone: "0911111111" }, status: "PENDING" },
  });
  const ticket = await app.prisma.hotlineTicket.create({
    data: { beneficiaryId: world.people.cuong, communeId: world.communes.c, topic: "talk_to_human" },
  });
  const audience = { communeIds: [world.communes.c] };
  const template = { vi: "Kính gửi {ho_ten}" };
  const broadcast = await app.prisma.broadcast.create({
    data: { title: "Thủy Xuân", template, audience, createdById: other.id },
  });
  const campaign = await app.prisma.campaign.create({
    data: {
      name: "Thủy Xuân",
      trigger: { kind: "dayOfMonth", day: 1 },
      audience,
      template,
      communeIds: [world.communes.c],
      createdById: other.id,
    },
  });
  elsewhere = {
    beneficiary: world.people.cuong,
    request: request.id,
    ticket: ticket.number,
    broadcast: broadcast.id,
    campaign: campaign.id,
  };

  const probe = createApp(app.deps) as unknown as { router: { stack: RouterLayer[] } };
  routes = routesOf(probe.router.stack).filter((r) => /^\/(console|api)\//.test(r.path) || r.path === "/console/");
  // Signing out ends the session the other checks use; it is checked on its own below.
  routes = routes.filter((r) => r.path !== "/console/logout");
});
afterAll(async () => {
  await app?.close();
});

describe("access to the console and the JSON API", () => {
  it("has a rule for every route, and covers the pages people use", () => {
    for (const route of routes) expect(() => policyOf(route)).not.toThrow();
    const paths = routes.map((r) => r.path);
    for (const page of [
      "/console/beneficiaries/:id",
      "/console/hotline/:number",
      "/console/broadcasts/:id",
      "/console/campaigns/:id",
      "/console/dashboard/",
      "/api/beneficiaries/:id",
    ]) {
      expect(paths).toContain(page);
    }
  });

  it("turns away anyone not signed in: pages go to the sign-in form, the JSON API answers 401", async () => {
    for (const route of routes) {
      if (policyOf(route) === "public") continue;
      const status = await call(route, concrete(route.path), null);
      const expected = route.path.startsWith("/api/") ? [401] : route.method === "get" ? [302, 303] : [303, 401, 403];
      expect(expected, `${route.method} ${route.path} → ${status}`).toContain(status);
    }
  });

  it("lets each role use only the routes of its work, and answers the others 403", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const allowed = policyOf(route);
      if (allowed === "public") continue;
      for (const role of EVERYONE) {
        const status = await call(route, concrete(route.path), staff.get(role)!);
        const ok = allowed.includes(role) ? status !== 403 && status < 500 : status === 403;
        if (!ok) wrong.push(`${role} ${route.method} ${route.path} → ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("shows each role in the menu exactly the sections it may open", async () => {
    // Section roots: the GET routes mounted right under /console.
    const roots = [
      ...new Set(
        routes
          .filter((r) => r.method === "get")
          .map((r) => /^\/console\/[a-z-]+\//.exec(r.path)?.[0])
          .filter((p) => p !== undefined),
      ),
    ];
    expect(roots.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const role of EVERYONE) {
      const home = await fetch(`${app.url}/console`, { headers: { cookie: staff.get(role)!.cookie } });
      const nav = /<nav class="mainnav">([\s\S]*?)<\/nav>/.exec(await home.text())?.[1] ?? "";
      const menu = new Set([...nav.matchAll(/href="([^"]+)"/g)].map((m) => `${m[1]}/`));
      for (const root of roots) {
        const allowed = policyOf({ method: "get", path: root });
        const opens = allowed !== "public" && allowed.includes(role);
        if (opens !== menu.has(root))
          wrong.push(
            `${role} ${root}: ${opens ? "may open it but the menu lacks it" : "is in the menu but may not open it"}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });

  it("refuses every write without the session's CSRF token", async () => {
    const admin = staff.get("ADMIN")!;
    for (const route of routes.filter((r) => r.method === "post" && policyOf(r) !== "public")) {
      expect(await call(route, concrete(route.path), admin, false), `${route.path}`).toBe(403);
    }
  });

  it("never lets an officer reach a person, request, ticket, broadcast or campaign of another area: answered as if it did not exist", async () => {
    const ids = (path: string): Record<string, string> => {
      if (path.startsWith("/console/hotline/")) return { number: String(elsewhere.ticket) };
      if (path.startsWith("/console/requests/")) return { id: elsewhere.request };
      if (path.startsWith("/console/broadcasts/")) return { id: elsewhere.broadcast };
      if (path.startsWith("/console/campaigns/")) return { id: elsewhere.campaign };
      return { id: elsewhere.beneficiary };
    };
    const withIds = routes.filter((r) => /:(id|number)\b/.test(r.path));
    expect(withIds.length).toBeGreaterThan(15);
    const leaks: string[] = [];
    for (const route of withIds) {
      const allowed = policyOf(route);
      for (const role of ["PROVINCE_OFFICER", "COMMUNE_OFFICER", "HOTLINE_AGENT"] as const) {
        if (allowed === "public" || !allowed.includes(role)) continue;
        const status = await call(route, concrete(route.path, ids(route.path)), staff.get(role)!);
        const unknown = await call(route, concrete(route.path), staff.get(role)!);
        // Never a success, and nothing that tells it apart from an id that exists nowhere.
        if (status !== unknown || status < 400)
          leaks.push(`${role} ${route.method} ${route.path} → ${status} (unknown id: ${unknown})`);
      }
    }
    expect(leaks).toEqual([]);
    // The administrator sees everything.
    expect(
      await call({ method: "get", path: "" }, `/console/beneficiaries/${elsewhere.beneficiary}`, staff.get("ADMIN")!),
    ).toBe(200);
  });

  it("ends the session on sign-out: the same cookie no longer opens anything", async () => {
    const password = "mat-khau-dai-du-12";
    await createStaff(app.prisma, { username: "xa.tam", password, role: "COMMUNE_OFFICER", communeCodes: ["90101"] });
    const session = await signIn(app.url, "xa.tam", password);
    const logout = { method: "post" as const, path: "/console/logout" };
    expect(await call(logout, "/console/logout", session)).toBe(303);
    expect([302, 303]).toContain(await call({ method: "get", path: "" }, "/console/beneficiaries", session));
    expect(await call({ method: "get", path: "" }, "/api/me", session)).toBe(401);
  });
});
