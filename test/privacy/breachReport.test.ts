// A suspected breach: one officer's account was used by someone else for an afternoon. The report
// is built from what the audit log recorded of that account's real actions in the console: whom
// it saw, whose full ID it revealed, which list it downloaded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "../../src/core/i18n.ts";
import {
  affectedPeopleCsv,
  breachReportMarkdown,
  findBreachScope,
  type BreachFindings,
} from "../../src/features/privacy/breachReport.ts";
import { seedWorld, type World } from "../console/fixtures.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";

let app: TestApp;
let world: World;
let suspect: SignedIn;
let colleague: SignedIn;
let from: Date;
let to: Date;
let findings: BreachFindings;

const get = (who: SignedIn, p: string) => fetch(`${app.url}${p}`, { headers: { cookie: who.cookie } });

beforeAll(async () => {
  app = await startTestApp();
  world = await seedWorld(app.prisma);
  const password = "mat-khau-dai-du-12";
  await createStaff(app.prisma, { username: "tinh.901", password, role: "PROVINCE_OFFICER", provinceCodes: ["901"] });
  await createStaff(app.prisma, { username: "tinh.902", password, role: "PROVINCE_OFFICER", provinceCodes: ["902"] });
  colleague = await signIn(app.url, "tinh.902", password);
  expect((await get(colleague, `/console/beneficiaries/${world.people.cuong}`)).status).toBe(200);

  from = new Date();
  suspect = await signIn(app.url, "tinh.901", password);
  expect((await get(suspect, `/console/beneficiaries/${world.people.dao}`)).status).toBe(200);
  const reveal = await fetch(`${app.url}/console/beneficiaries/${world.people.binh}/reveal`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: suspect.cookie },
    body: new URLSearchParams({ _csrf: suspect.csrfToken }),
  });
  expect(reveal.status).toBe(200);
  expect(
    (await get(suspect, `/console/exports/download?kind=beneficiaries&communeId=${world.communes.a}`)).status,
  ).toBe(200);
  to = new Date();
  findings = await findBreachScope(app.prisma, { from, to, actors: ["tinh.901"], ips: [] });
});
afterAll(async () => {
  await app?.close();
});

describe("a breach report from the audit log", () => {
  it("names every person the suspect account saw, revealed or exported, and nobody else", () => {
    expect(findings.actors).toEqual(["tinh.901"]);
    const names = findings.people.map((p) => p.fullName).sort();
    // Đào viewed; Bình's full ID revealed; the whole of Hòa An exported (Đào and An).
    expect(names).toEqual(["Nguyễn Thị Đào", "Phạm Văn An", "Trần Thị Bình"].sort());
    expect(names).not.toContain("Nguyễn Thị Cúc");
    const binh = findings.people.find((p) => p.fullName === "Trần Thị Bình");
    expect(binh?.dataKinds).toEqual(["personalId"]);
    expect(findings.people.find((p) => p.fullName === "Nguyễn Thị Đào")?.accesses).toBe(2);
    expect(findings.dataKinds).toContain("personalId");
    expect(findings.actions).toMatchObject({
      "beneficiary.view": 1,
      "beneficiary.reveal_id": 1,
      "export.beneficiaries": 1,
    });
  });

  it("gives the 72-hour deadline, the counts by commune and the kinds of data, and lists people with masked IDs", async () => {
    const i18n = await createI18n();
    const discovered = new Date("2026-11-22T09:00:00Z");
    const report = breachReportMarkdown(i18n.t("vi"), findings, discovered);
    expect(report).toContain("2026-11-25 09:00 UTC");
    expect(report).toContain("tinh.901");
    expect(report).not.toContain("tinh.902");
    expect(report).toContain("| Xã Hòa An | 2 |");
    expect(report).toContain("| Phường Đông Ba | 1 |");
    expect(report).toContain("Số định danh cá nhân đầy đủ");
    const csv = affectedPeopleCsv(findings);
    expect(csv.trim().split("\n")).toHaveLength(4);
    expect(csv).not.toContain("001140123456");
    expect(csv).not.toContain("0912345678");
    expect(csv).toContain("Nguyễn Thị Đào");
  });

  it("shows nothing for a window before the account was used", async () => {
    const before = await findBreachScope(app.prisma, {
      from: new Date(from.getTime() - 3_600_000),
      to: new Date(from.getTime() - 1),
      actors: ["tinh.901"],
      ips: [],
    });
    expect(before.people).toEqual([]);
    expect(before.actions).toEqual({});
  });
});
