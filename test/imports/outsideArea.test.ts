import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport, type ImportReport } from "../../src/features/imports/service.ts";
import type { StaffContext } from "../../src/http/context.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { BENEFICIARY_HEADER, date, importDeps, officer, seedPlaces, xlsx, type Places, type Row } from "./fixtures.ts";

const row = (n: number, name: string, id: string, dob: string): Row => [
  n,
  name,
  id,
  date(dob),
  "Nam",
  "",
  "",
  "00001",
  "BTXH",
  "BTXH_OLD_80",
  "",
];
const answerFor = (r: ImportReport, excelRow: number) => ({
  errors: r.errors.filter((e) => e.row === excelRow).map((e) => e.code),
  change: r.changes.find((c) => c.row === excelRow)?.action ?? null,
});

// People registered in Cát Tiên, outside the officer's commune (An Phú).
const ELSEWHERE = [
  { name: "Lê Văn Cường", id: "079060000003", dob: "1960-12-31" },
  { name: "Đinh Văn Hải", id: "001045000051", dob: "1945-05-05" },
  { name: "Tạ Văn Ích", id: "001045000052", dob: "1945-06-06" },
  { name: "Hồ Văn Kiên", id: "001045000053", dob: "1945-07-07" },
];

describe("what an import tells an officer about people outside their area", () => {
  let db: TestDatabase;
  let places: Places;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  const policy = { maxPartBytes: 50 * 1024 * 1024, outsideArea: { limit: 3, windowHours: 24 } };
  beforeAll(async () => {
    db = await createTestDatabase();
    places = await seedPlaces(db.prisma);
    // Audit entries are stamped by the database's own clock: the service's clock is now, too.
    deps = { ...(await importDeps(db.prisma)), clock: fixedClock(new Date()) };
    const seeded = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "cat-tien.xlsx",
      dryRun: false,
      staff: null,
      data: await xlsx(
        BENEFICIARY_HEADER,
        ELSEWHERE.map((p, i) => [...row(i + 1, p.name, p.id, p.dob).slice(0, 7), "00003", "BTXH", "BTXH_OLD_80", ""]),
      ),
    });
    expect(seeded.created).toBe(4);
  });
  afterAll(async () => {
    await db.destroy();
  });
  const audits = (staff: StaffContext) =>
    db.prisma.auditLog.findMany({
      where: { staffId: staff.id, action: "import.outside_area" },
      orderBy: { at: "asc" },
    });

  it("answers a candidate ID registered elsewhere exactly as an unknown one unless the row proves the ID, name and birth date", async () => {
    const staff = await officer(db.prisma, [places.anPhu], "oracle.1");
    const data = await xlsx(BENEFICIARY_HEADER, [
      row(1, "Tên Bịa Ra", "079060000003", "1960-07-07"), // someone's ID, made-up name and birth date
      row(2, "Tên Bịa Khác", "001045000099", "1945-01-01"), // nobody's ID
    ]);
    const check = await runImport(
      { ...deps, settings: policy },
      { kind: "beneficiaries", fileName: "ung-vien.xlsx", data, dryRun: true, staff },
    );
    expect(answerFor(check, 2)).toEqual({ errors: [], change: "create" });
    expect(answerFor(check, 3)).toEqual(answerFor(check, 2));
    expect(await audits(staff)).toEqual([]);

    // The ID with the person's own name (any case) and birth date proves it: the officer may learn they are registered elsewhere.
    const proof = await xlsx(BENEFICIARY_HEADER, [row(1, "LÊ VĂN CƯỜNG", "079060000003", "1960-12-31")]);
    const proven = await runImport(
      { ...deps, settings: policy },
      { kind: "beneficiaries", fileName: "chung-minh.xlsx", data: proof, dryRun: true, staff },
    );
    expect(answerFor(proven, 2)).toEqual({ errors: ["registered_elsewhere"], change: null });
    // That answer is audited as access to the person's data.
    const cuong = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "079060000003" } });
    expect((await audits(staff)).map((a) => [a.entity, a.entityId])).toEqual([["beneficiary", cuong.id]]);

    // Importing the valid rows cannot give the made-up person the taken ID: that row is refused (and audited too).
    const run = await runImport(
      { ...deps, settings: policy },
      { kind: "beneficiaries", fileName: "ung-vien.xlsx", data, dryRun: false, staff, skipInvalid: true },
    );
    expect(answerFor(run, 2)).toEqual({ errors: ["personal_id_taken"], change: null });
    expect(run).toMatchObject({ applied: true, created: 1 });
    expect(await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "079060000003" } })).toMatchObject({
      fullName: "Lê Văn Cường",
      communeId: places.catTien,
    });
    expect((await audits(staff)).map((a) => a.entityId)).toEqual([cuong.id, cuong.id]);
  });

  it("refuses a file asking about more people elsewhere than the officer may learn, then every beneficiary file until the window has passed", async () => {
    const staff = await officer(db.prisma, [places.anPhu], "oracle.2");
    const proven = await xlsx(
      BENEFICIARY_HEADER,
      ELSEWHERE.map((p, i) => row(i + 1, p.name, p.id, p.dob)),
    );
    const over = await runImport(
      { ...deps, settings: policy },
      { kind: "beneficiaries", fileName: "nhieu.xlsx", data: proven, dryRun: true, staff },
    );
    expect(over.errors.map((e) => [e.row, e.code])).toEqual([[0, "outside_area_limit"]]);
    expect(over.changes).toEqual([]);
    expect(await audits(staff)).toEqual([]);

    // Now even a file with nobody from elsewhere is refused, the same way whatever it holds.
    const harmless = await xlsx(BENEFICIARY_HEADER, [row(1, "Người Mới", "001045000070", "1945-01-01")]);
    const closed = await runImport(
      { ...deps, settings: policy },
      { kind: "beneficiaries", fileName: "moi.xlsx", data: harmless, dryRun: true, staff },
    );
    expect(closed.errors.map((e) => e.code)).toEqual(["outside_area_closed"]);
    expect(closed.errors[0]!.message).toMatch(/Thử lại sau \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);

    const tomorrow = {
      ...deps,
      settings: policy,
      clock: fixedClock(new Date(deps.clock.now().getTime() + 25 * 3_600_000)),
    };
    const reopened = await runImport(tomorrow, {
      kind: "beneficiaries",
      fileName: "moi.xlsx",
      data: harmless,
      dryRun: true,
      staff,
    });
    expect(reopened).toMatchObject({ errors: [], created: 1 });
  });

  it("counts answers per staff member: another officer of the same commune is not affected", async () => {
    const staff = await officer(db.prisma, [places.anPhu], "oracle.3");
    const one = await xlsx(BENEFICIARY_HEADER, [row(1, ELSEWHERE[1]!.name, ELSEWHERE[1]!.id, ELSEWHERE[1]!.dob)]);
    const report = await runImport(
      { ...deps, settings: policy },
      { kind: "beneficiaries", fileName: "mot.xlsx", data: one, dryRun: true, staff },
    );
    expect(report.errors.map((e) => e.code)).toEqual(["registered_elsewhere"]);
  });
});
