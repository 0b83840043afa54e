import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { BENEFICIARY_HEADER, date, seedPlaces, xlsx } from "./fixtures.ts";
import { finishedJob, uploadForCheck } from "./jobPages.ts";
import { xlsxWithHugeCell } from "./zipBomb.ts";

const PW = "mat-khau-dung-1";

describe("uploaded files are checked as jobs, off the request path", () => {
  let app: TestApp;
  let officer: SignedIn;
  let officerId: string;

  beforeAll(async () => {
    app = await startTestApp();
    await seedPlaces(app.prisma);
    officerId = (
      await createStaff(app.prisma, {
        username: "xa.anphu",
        password: PW,
        role: "COMMUNE_OFFICER",
        communeCodes: ["00001"],
      })
    ).id;
    officer = await signIn(app.url, "xa.anphu", PW);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("refuses a 0.4 MB workbook holding one 400 MB cell with a clear message, and the service keeps answering", async () => {
    const bomb = await xlsxWithHugeCell(400);
    expect(bomb.length).toBeLessThan(600 * 1024);
    const res = await uploadForCheck(app.url, officer, { data: bomb, name: "danh-sach.xlsx" });
    expect(res.status).toBe(303);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const page = await finishedJob(app.url, officer, res);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Tệp quá lớn hoặc có ô quá dài để đọc (một ô Excel chứa tối đa 32.767 ký tự).");
    expect(await app.prisma.beneficiary.count()).toBe(0);
  });

  it("takes one file at a time per staff member, and says so", async () => {
    // A file of this officer's is being checked (by another instance of the service).
    const running = await app.prisma.importJob.create({
      data: {
        staffId: officerId,
        kind: "BENEFICIARIES",
        fileName: "dang-kiem-tra.xlsx",
        fileHash: "x",
        data: new Uint8Array([1]),
        dryRun: true,
        status: "RUNNING",
        owner: "other",
        heartbeatAt: new Date(),
      },
    });
    const res = await uploadForCheck(app.url, officer, { data: await xlsx(BENEFICIARY_HEADER, []) });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Bạn đang có một tệp đang được kiểm tra hoặc nhập.");
    await app.prisma.importJob.update({ where: { id: running.id }, data: { status: "DONE", data: null } });
  });

  it("finishes a check whose instance died, from the file it kept", async () => {
    const file = await xlsx(BENEFICIARY_HEADER, [
      [1, "Nguyễn Văn An", "001045000001", date("1945-03-01"), "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
    ]);
    const orphan = await app.prisma.importJob.create({
      data: {
        staffId: officerId,
        kind: "BENEFICIARIES",
        fileName: "mo-coi.xlsx",
        fileHash: createHash("sha256").update(file).digest("hex"),
        data: new Uint8Array(file),
        dryRun: true,
        status: "RUNNING",
        owner: "dead-instance",
        heartbeatAt: new Date(Date.now() - 5 * 60_000),
        attempts: 1,
      },
    });
    const page = await finishedJob(
      app.url,
      officer,
      new Response(null, { status: 303, headers: { location: `/console/imports/jobs/${orphan.id}` } }),
    );
    expect(page.html).toContain("1 người sẽ được thêm");
    expect(await app.prisma.importJob.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({
      status: "DONE",
      attempts: 2,
    });
  });

  it("shows an officer's job to nobody else", async () => {
    await createStaff(app.prisma, {
      username: "xa.khac",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["00002"],
    });
    const other = await signIn(app.url, "xa.khac", PW);
    const job = await app.prisma.importJob.findFirstOrThrow({ where: { staffId: officerId } });
    expect(
      (await fetch(`${app.url}/console/imports/jobs/${job.id}`, { headers: { cookie: other.cookie } })).status,
    ).toBe(404);
    expect(
      (await fetch(`${app.url}/console/imports/jobs/${job.id}/status`, { headers: { cookie: other.cookie } })).status,
    ).toBe(404);
  });
});
