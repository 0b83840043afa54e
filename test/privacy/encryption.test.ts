// Personal IDs and account numbers are encrypted at rest: what the database (or a copy of it) holds
// is unreadable without the keys, while officers, exports and the chat keep working as before.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.ts";
import type { DataKeys } from "../../src/db/fieldCipher.ts";
import { countStaleValues, sealStoredValues } from "../../src/db/sealStoredValues.ts";
import { searchBeneficiaries } from "../../src/features/beneficiaries/search.ts";
import { getBeneficiaryDetail, revealPersonalId } from "../../src/features/beneficiaries/detail.ts";
import { exportBeneficiaryList } from "../../src/features/exports/beneficiaryList.ts";
import { exportPayoutList } from "../../src/features/exports/payoutList.ts";
import { runImport } from "../../src/features/imports/service.ts";
import { todayInVietnam } from "../../src/lib/calendarDate.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { numbersInClear, storedText } from "../helpers/storedText.ts";
import { BENEFICIARY_HEADER, date, importDeps, readSheet, seedPlaces, xlsx, type Places } from "../imports/fixtures.ts";

const AN = "001045000001";
const BINH = "001150000002";
const CUONG = "079060000003";
const ACCOUNT = "123456789012";
const LONE_DIGITS = /(?<![\dA-Za-z])\d{12}(?![\dA-Za-z])/;
// Record ids: the last group of a UUID is twelve hex digits, now and then all of them decimal.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const key = () => randomBytes(32);
const OLD: DataKeys = { encryption: [{ id: "old", key: key() }], hash: key() };
const NEW = { id: "new", key: key() };

describe("personal IDs and account numbers at rest", () => {
  let db: TestDatabase;
  let places: Places;
  let deps: Awaited<ReturnType<typeof importDeps>>;
  let people: Buffer;
  let payouts: Buffer;
  const opened: Database[] = [];

  async function withKeys(keys: DataKeys): Promise<Database> {
    if (!db.withKeys) throw new Error("the test database cannot be reopened");
    const other = await db.withKeys(keys);
    opened.push(other);
    return other;
  }

  beforeAll(async () => {
    db = await createTestDatabase(OLD);
    places = await seedPlaces(db.prisma);
    deps = await importDeps(db.prisma);
    people = await xlsx(BENEFICIARY_HEADER, [
      [1, "Nguyễn Văn An", AN, date("1945-03-01"), "Nam", "0912345678", "Thôn 1", "00001", "BTXH", "BTXH_OLD_80", ""],
      [2, "Trần Thị Bình", BINH, date("1950-05-02"), "Nữ", "", "", "00001", "NCC", "NCC_WAR_INVALID:41", ""],
      [3, "Lê Văn Cường", CUONG, date("1960-12-31"), "Nam", "", "", "00003", "BTXH", "BTXH_OLD_80", ""],
    ]);
    payouts = await xlsx(
      ["Số định danh", "Kỳ", "Số tiền", "Hình thức", "Ngân hàng", "Số tài khoản", "Ngày chi trả"],
      [
        [AN, "07/2026", 1000000, "Tiền mặt", "", "", date("2026-07-05")],
        [BINH, "07/2026", 3667000, "Tài khoản ngân hàng", "Agribank", ACCOUNT, date("2026-07-05")],
      ],
    );
  });
  afterAll(async () => {
    for (const o of opened) await o.close();
    await db?.destroy();
  });

  it("stores no ID or account number in clear after an import, and a second import of the file changes nothing", async () => {
    const first = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: people,
      dryRun: false,
      staff: null,
    });
    expect(first).toMatchObject({ errors: [], created: 3 });
    expect(
      await runImport(deps, { kind: "payouts", fileName: "ct.xlsx", data: payouts, dryRun: false, staff: null }),
    ).toMatchObject({ errors: [], applied: true });

    expect(await numbersInClear(db.prisma, [AN, BINH, CUONG, ACCOUNT])).toEqual([]);
    expect((await storedText(db.prisma)).replace(UUID, "")).not.toMatch(LONE_DIGITS);
    const raw = await db.prisma.$queryRawUnsafe<{ v: string }[]>(
      `SELECT "personalId" AS v FROM "Beneficiary" UNION ALL SELECT "accountNumber" FROM "PayoutAccount"`,
    );
    expect(raw.map((r) => r.v.slice(0, 11))).toEqual(["enc:v1:old:", "enc:v1:old:", "enc:v1:old:", "enc:v1:old:"]);

    const again = await runImport(deps, {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: people,
      dryRun: false,
      staff: null,
    });
    expect(again).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 3 });
    const payoutsAgain = await runImport(deps, {
      kind: "payouts",
      fileName: "ct.xlsx",
      data: payouts,
      dryRun: false,
      staff: null,
    });
    expect(payoutsAgain).toMatchObject({ errors: [], created: 0, updated: 0 });
    expect(await db.prisma.payoutAccount.count()).toBe(1);
  });

  it("shows the ID masked to officers and on the payout list, in full on reveal and in the beneficiary list", async () => {
    const binh = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: BINH } });
    const detail = await getBeneficiaryDetail(
      db.prisma,
      null,
      binh.id,
      todayInVietnam(new Date("2026-07-15T03:00:00Z")),
    );
    expect(detail?.personalIdMasked).toBe("••••••••0002");
    expect(JSON.stringify(detail)).not.toContain(BINH);
    expect(JSON.stringify(detail)).not.toContain(ACCOUNT);
    expect(await revealPersonalId(db.prisma, null, binh.id)).toBe(BINH);

    const payoutSheet = await readSheet(
      (await exportPayoutList(deps, { communeId: places.anPhu, month: "2026-07", staff: null })).data,
    );
    const payoutCells = JSON.stringify(payoutSheet.getSheetValues());
    // The payout list masks both (as before encryption): the last digits come from the opened values.
    expect(payoutCells).toContain("••••••••0002");
    expect(payoutCells).toContain("••••••••9012");
    const listSheet = await readSheet(
      (await exportBeneficiaryList(deps, { communeId: places.anPhu, staff: null })).data,
    );
    expect(JSON.stringify(listSheet.getSheetValues())).toContain(AN);
  });

  it("finds a person by the whole ID or by its last digits, and refuses a comparison a ciphertext cannot answer", async () => {
    const byId = await searchBeneficiaries(db.prisma, null, { q: CUONG });
    expect(byId.rows.map((r) => r.fullName)).toEqual(["Lê Văn Cường"]);
    const byEnd = await searchBeneficiaries(db.prisma, null, { q: "0003" });
    expect(byEnd.rows.map((r) => r.fullName)).toEqual(["Lê Văn Cường"]);
    expect(await db.prisma.beneficiary.count({ where: { personalId: { in: [AN, BINH, "001045999999"] } } })).toBe(2);
    await expect(db.prisma.beneficiary.findMany({ where: { personalId: { startsWith: "0010" } } })).rejects.toThrow(
      /only be matched for equality/,
    );
  });

  it("keeps the relative's ID and the account number of a request encrypted, and gives them back whole", async () => {
    const an = await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: AN } });
    const request = await db.prisma.changeRequest.create({
      data: {
        kind: "AUTHORISATION",
        beneficiaryId: an.id,
        data: {
          step: "confirm",
          draft: { starter: "SELF" },
          private: { relativePersonalId: "001080000123", accountNumber: "9704000011112222" },
        },
      },
    });
    await db.prisma.relative.create({
      data: {
        beneficiaryId: an.id,
        fullName: "Nguyễn Văn Bảo",
        relation: "con",
        personalId: "001080000123",
        personalIdLast4: "0123",
      },
    });
    expect(await numbersInClear(db.prisma, ["001080000123", "9704000011112222"])).toEqual([]);
    const back = await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(back.data).toMatchObject({
      private: { relativePersonalId: "001080000123", accountNumber: "9704000011112222" },
    });
    const withRelatives = await db.prisma.beneficiary.findUniqueOrThrow({
      where: { id: an.id },
      include: { relatives: true },
    });
    expect(withRelatives.relatives.map((r) => r.personalId)).toEqual(["001080000123"]);
  });

  it("reads values under the old key after a new one is added, and `rotate` puts every value under the new one", async () => {
    const both = await withKeys({ encryption: [NEW, ...OLD.encryption], hash: OLD.hash });
    // Still readable, and still found by ID: the hash key has not changed.
    expect((await both.prisma.beneficiary.findFirstOrThrow({ where: { personalId: CUONG } })).personalId).toBe(CUONG);
    expect(await countStaleValues(both.prisma, both.cipher)).toEqual({
      beneficiaries: 3,
      relatives: 1,
      accounts: 1,
      requests: 1,
    });

    const done = await sealStoredValues(both.prisma, both.cipher, { mode: "all", chunk: 2 });
    expect(done).toEqual({ beneficiaries: 3, relatives: 1, accounts: 1, requests: 1 });
    expect(await countStaleValues(both.prisma, both.cipher)).toEqual({
      beneficiaries: 0,
      relatives: 0,
      accounts: 0,
      requests: 0,
    });
    expect(await storedText(both.prisma)).not.toContain("enc:v1:old:");
    expect(await sealStoredValues(both.prisma, both.cipher, { mode: "all" })).toEqual({
      beneficiaries: 0,
      relatives: 0,
      accounts: 0,
      requests: 0,
    });

    // Once rotated, the old key can go.
    const onlyNew = await withKeys({ encryption: [NEW], hash: OLD.hash });
    const request = await onlyNew.prisma.changeRequest.findFirstOrThrow();
    expect(request.data).toMatchObject({ private: { relativePersonalId: "001080000123" } });
    expect(
      (await onlyNew.prisma.payoutAccount.findFirstOrThrow({ where: { accountNumber: ACCOUNT } })).accountNumber,
    ).toBe(ACCOUNT);
    // Without the key a value was sealed with, reading it says so.
    await expect(db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: AN } })).rejects.toThrow(/key "new"/);
  });

  it("keeps finding people while the hash key changes, and `rehash` moves every hash to the new key", async () => {
    const newHash = key();
    const changing = await withKeys({ encryption: [NEW], hash: newHash, previousHash: OLD.hash });
    expect((await changing.prisma.beneficiary.findFirstOrThrow({ where: { personalId: BINH } })).fullName).toBe(
      "Trần Thị Bình",
    );
    expect((await countStaleValues(changing.prisma, changing.cipher)).beneficiaries).toBe(3);
    // The officer's list, imported again meanwhile, finds the same people: nobody is added twice.
    const registered = await changing.prisma.beneficiary.count();
    const again = await runImport(await importDeps(changing.prisma), {
      kind: "beneficiaries",
      fileName: "ds.xlsx",
      data: people,
      dryRun: false,
      staff: null,
    });
    expect(again).toMatchObject({ errors: [], created: 0 });
    expect(await changing.prisma.beneficiary.count()).toBe(registered);
    await sealStoredValues(changing.prisma, changing.cipher, { mode: "all" });
    const after = await withKeys({ encryption: [NEW], hash: newHash });
    expect((await after.prisma.beneficiary.findFirstOrThrow({ where: { personalId: BINH } })).fullName).toBe(
      "Trần Thị Bình",
    );
    expect((await after.prisma.relative.findFirstOrThrow({ where: { personalId: "001080000123" } })).fullName).toBe(
      "Nguyễn Văn Bảo",
    );
  });
});

describe("rows stored in clear before encryption existed", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("are encrypted and hashed at start, in chunks; a run stopped halfway is finished by the next one", async () => {
    const places = await seedPlaces(db.prisma);
    // As an older version stored them: plain text, no hash.
    for (const [i, id] of [AN, BINH, CUONG].entries()) {
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "Beneficiary" (id, "personalId", "personalIdLast4", "fullName", "fullNameAscii", "dateOfBirth", sex, "communeId", programme, "updatedAt")
         VALUES ($1, $2, $3, 'Người ' || $1, 'nguoi', '1950-01-01', 'MALE', $4, 'BTXH', now())`,
        `b${i}`,
        id,
        id.slice(-4),
        places.anPhu,
      );
    }
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "Relative" (id, "beneficiaryId", "fullName", relation, "personalId", "personalIdLast4") VALUES ('r0', 'b0', 'Con', 'con', '001080000123', '0123')`,
    );
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "PayoutAccount" (id, "beneficiaryId", method, provider, "accountNumber", "accountLast4", "holderName") VALUES ('a0', 'b1', 'BANK', 'Agribank', $1, '9012', 'TRAN THI BINH')`,
      ACCOUNT,
    );
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "ChangeRequest" (id, kind, "beneficiaryId", data, "updatedAt") VALUES ('q0', 'ACCOUNT', 'b1', $1::jsonb, now())`,
      JSON.stringify({ step: "confirm", draft: {}, private: { accountNumber: ACCOUNT } }),
    );
    expect(await numbersInClear(db.prisma, [AN, ACCOUNT])).toEqual([AN, ACCOUNT]);

    // The first chunk went through before the process stopped: one person is sealed already.
    await db.prisma.beneficiary.update({ where: { id: "b0" }, data: { personalId: AN } });
    const done = await sealStoredValues(db.prisma, db.cipher, { mode: "clear", chunk: 1 });
    expect(done).toEqual({ beneficiaries: 2, relatives: 1, accounts: 1, requests: 1 });
    expect(await numbersInClear(db.prisma, [AN, BINH, CUONG, "001080000123", ACCOUNT])).toEqual([]);
    expect(await sealStoredValues(db.prisma, db.cipher, { mode: "clear" })).toEqual({
      beneficiaries: 0,
      relatives: 0,
      accounts: 0,
      requests: 0,
    });

    // And everything is found and read as before.
    expect((await db.prisma.beneficiary.findFirstOrThrow({ where: { personalId: CUONG } })).id).toBe("b2");
    expect((await db.prisma.payoutAccount.findFirstOrThrow({ where: { accountNumber: ACCOUNT } })).accountNumber).toBe(
      ACCOUNT,
    );
    expect((await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: "q0" } })).data).toMatchObject({
      private: { accountNumber: ACCOUNT },
    });
  });
});
