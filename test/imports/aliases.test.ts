import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../src/features/imports/service.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { BENEFICIARY_HEADER, date, importDeps, seedPlaces, xlsx } from "./fixtures.ts";
import { bytes, east, hamletSheet, west } from "./officerLists.ts";

const PW = "mat-khau-dung-1";

describe("officers teach the import their own wordings", () => {
  let app: TestApp;
  let officer: SignedIn;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  beforeAll(async () => {
    app = await startTestApp();
    await seedPlaces(app.prisma);
    await createStaff(app.prisma, {
      username: "xa.anphu",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["00001"],
    });
    officer = await signIn(app.url, "xa.anphu", PW);
    deps = await importDeps(app.prisma);
  });
  afterAll(async () => {
    await app?.close();
  });

  const addWording = (kind: "CATEGORY" | "COMMUNE", wording: string, target: string) =>
    fetch(`${app.url}/console/imports/aliases`, {
      method: "POST",
      headers: { cookie: officer.cookie },
      body: new URLSearchParams({ _csrf: officer.csrfToken, kind, wording, target }),
    });
  const person = (category: string, commune: string) =>
    xlsx(BENEFICIARY_HEADER, [
      [1, "Nguyễn Văn An", "001045000001", date("1945-03-01"), "Nam", "", "", commune, "BTXH", category, ""],
    ]);

  it("reads a category wording once an officer has added it on the wordings page, and shows who added it", async () => {
    const before = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: await person("NCT cô đơn 80+", "00001"),
      dryRun: true,
      staff: null,
    });
    expect(before.errors.map((e) => [e.code, e.params.value])).toEqual([["category_unknown", "NCT cô đơn 80+"]]);

    const added = await addWording("CATEGORY", "NCT cô đơn 80+", "BTXH_OLD_80");
    expect(added.status).toBe(200);
    expect(await added.text()).toContain("Đã lưu cách viết “NCT cô đơn 80+”.");
    const after = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: await person("nct co don 80+", "00001"),
      dryRun: true,
      staff: null,
    });
    expect(after).toMatchObject({ errors: [], created: 1 });

    const page = await (
      await fetch(`${app.url}/console/imports/aliases`, { headers: { cookie: officer.cookie } })
    ).text();
    expect(page).toContain("NCT cô đơn 80+");
    expect(page).toContain("xa.anphu");
    expect((await addWording("CATEGORY", "nct  CÔ ĐƠN 80+", "BTXH_OLD_80")).status).toBe(400);
    expect(await app.prisma.auditLog.count({ where: { action: "import.alias_add" } })).toBe(1);
  });

  it("finds a commune by its name before the merger, given on the wordings page or in the areas list, but only for communes of the officer's area", async () => {
    expect((await addWording("COMMUNE", "Xã Cát Tiên Cũ", "00003")).status).toBe(400);
    expect((await addWording("COMMUNE", "Xã Tân Phú", "00001")).status).toBe(200);
    const byWording = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: await person("BTXH_OLD_80", "XÃ TÂN PHÚ"),
      dryRun: true,
      staff: null,
    });
    expect(byWording).toMatchObject({ errors: [], created: 1 });

    const areas =
      "Mã tỉnh,Tên tỉnh,Mã xã,Tên xã,Tên cũ\r\n91,Tỉnh Thử Nghiệm,00002,Phường Bình Minh,Phường Bình Minh Cũ; Xã Hòa Lạc";
    expect(
      await runImport(deps, {
        kind: "areas",
        fileName: "dia-ban.csv",
        data: Buffer.from(areas),
        dryRun: false,
        staff: null,
      }),
    ).toMatchObject({ errors: [], applied: true });
    const byAreas = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: await person("BTXH_OLD_80", "hòa lạc"),
      dryRun: true,
      staff: null,
    });
    expect(byAreas).toMatchObject({ errors: [], created: 1 });
    expect(byAreas.changes).toHaveLength(1);
  });

  it("sets aside a summary sheet that lists the people of the hamlet sheets again, instead of reporting each of them twice", async () => {
    const people = [...east, ...west].map((p, i) => ({
      ...p,
      id: `00104500${String(100 + i).padStart(4, "0")}`,
      birth: date("1945-01-01"),
      sex: "M" as const,
      category: "BTXH_OLD_80",
      name: `Người Thứ ${i}`,
    }));
    const wb = new ExcelJS.Workbook();
    hamletSheet(wb, "Thôn Đông", people.slice(0, 5), { letterhead: true, numbers: "plain" });
    hamletSheet(wb, "Thôn Tây", people.slice(5), { letterhead: false, numbers: "plain" });
    hamletSheet(wb, "Tổng hợp toàn xã", people, { letterhead: false, numbers: "plain" });
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ca-xa.xlsx",
      data: await bytes(wb),
      dryRun: true,
      staff: null,
    });
    expect(report.sheets.map((s) => [s.name, s.status, s.reason ?? null])).toEqual([
      ["Thôn Đông", "read", null],
      ["Thôn Tây", "read", null],
      ["Tổng hợp toàn xã", "skipped", "summary"],
    ]);
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(people.length);
  });

  it("imports each person from the hamlet sheets when the summary sheet comes first, with the hamlet sheets' own wording", async () => {
    const people = [...east, ...west].map((p, i) => ({
      ...p,
      id: `00104600${String(200 + i).padStart(4, "0")}`,
      birth: date("1946-01-01"),
      sex: "M" as const,
      category: "BTXH_OLD_80",
      name: `Người Tổng Hợp ${i}`,
    }));
    const wb = new ExcelJS.Workbook();
    // The summary sheet spells every name differently: what is stored must come from the hamlets.
    hamletSheet(
      wb,
      "Tổng hợp toàn xã",
      people.map((p) => ({ ...p, name: `${p.name} (tổng hợp)` })),
      { letterhead: true, numbers: "plain" },
    );
    hamletSheet(wb, "Thôn Đông", people.slice(0, 5), { letterhead: false, numbers: "plain" });
    hamletSheet(wb, "Thôn Tây", people.slice(5), { letterhead: false, numbers: "plain" });
    const before = await app.prisma.beneficiary.count();
    const report = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ca-xa.xlsx",
      data: await bytes(wb),
      dryRun: false,
      staff: null,
    });
    expect(report.sheets.map((s) => [s.name, s.status, s.reason ?? null])).toEqual([
      ["Tổng hợp toàn xã", "skipped", "summary"],
      ["Thôn Đông", "read", null],
      ["Thôn Tây", "read", null],
    ]);
    expect(report).toMatchObject({ errors: [], applied: true, created: people.length });
    expect(await app.prisma.beneficiary.count()).toBe(before + people.length);
    const stored = await app.prisma.beneficiary.findMany({
      where: { personalId: { in: people.map((p) => p.id) } },
      select: { fullName: true },
    });
    expect(stored.map((b) => b.fullName).sort()).toEqual(people.map((p) => p.name).sort());
  });
});
