import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { BENEFICIARY_HEADER, date, readSheet, seedPlaces, xlsx, type Places, type Row } from "./fixtures.ts";
import { applyChecked, finishedJob, uploadForCheck } from "./jobPages.ts";

const PW = "mat-khau-dung-1";
const person = (sex: string, communeCode = "00001"): Row => [
  1,
  "Nguyễn Văn An",
  "001045000001",
  date("1945-03-01"),
  sex,
  "",
  "",
  communeCode,
  "BTXH",
  "BTXH_OLD_80",
  "",
];

describe("the console's import and export pages, signed in for real", () => {
  let app: TestApp;
  let places: Places;
  let officer: SignedIn;

  beforeAll(async () => {
    app = await startTestApp({ env: { IMPORT_MAX_MB: "1" } });
    places = await seedPlaces(app.prisma);
    await createStaff(app.prisma, {
      username: "xa.anphu",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["00001"],
    });
    await createStaff(app.prisma, { username: "tong.dai", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["91"] });
    await createStaff(app.prisma, { username: "quan.tri", password: PW, role: "ADMIN" });
    officer = await signIn(app.url, "xa.anphu", PW);
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, who: SignedIn = officer) =>
    fetch(`${app.url}${path}`, { headers: { cookie: who.cookie }, redirect: "manual" });
  const upload = (data: Buffer, name = "ds.xlsx", token: string | null = officer.csrfToken) =>
    uploadForCheck(app.url, officer, { data, name, token });
  const checked = async (data: Buffer, name = "ds.xlsx") => finishedJob(app.url, officer, await upload(data, name));

  it("shows the upload form carrying the session's token, without the areas list for a commune officer", async () => {
    const page = await (await get("/console/imports")).text();
    expect(page).toContain("Kiểm tra trước");
    expect(page).toContain('action="/console/imports/check"');
    expect(page).toMatch(
      /action="\/console\/imports\/check"\s*>\s*<input type="hidden" name="_csrf" value="[^"]+"\s*\/?>/,
    );
    expect(page).not.toContain('value="areas"');

    const admin = await signIn(app.url, "quan.tri", PW);
    expect(await (await get("/console/imports", admin)).text()).toContain('value="areas"');
  });

  it("checks a file as a job, shows its errors, and imports it only after it is fixed", async () => {
    const errorPage = (await checked(await xlsx(BENEFICIARY_HEADER, [person("Nữ")]))).html;
    expect(errorPage).toContain("Chữ số thứ 4 của số định danh không khớp với giới tính.");
    expect(errorPage).not.toContain("/apply");

    const ok = await checked(await xlsx(BENEFICIARY_HEADER, [person("Nam")]));
    expect(ok.html).toContain("1 người sẽ được thêm");
    expect(await app.prisma.beneficiary.count()).toBe(0);
    const applied = await finishedJob(app.url, officer, await applyChecked(app.url, officer, ok.jobId));
    expect(applied.status).toBe(200);
    expect(applied.html).toContain("Đã nhập xong tệp ds.xlsx.");
    expect(await app.prisma.beneficiary.count()).toBe(1);
    expect(await (await get("/console/imports")).text()).toContain("Đã nhập");
    // The checked file is not kept once it has been imported: a second import of it is refused.
    expect((await applyChecked(app.url, officer, ok.jobId)).status).toBe(400);

    // A payout list naming him with nothing this month: no problem, and the page says why he is left out.
    const payouts = await xlsx(
      ["STT", "Họ và tên", "Số CCCD", "Kỳ", "Số tiền"],
      [[1, "Nguyễn Văn An", "001045000001", "12/2026", "0"]],
    );
    const unpaid = await finishedJob(
      app.url,
      officer,
      await uploadForCheck(app.url, officer, { data: payouts, name: "chi-tra.xlsx", kind: "payouts" }),
    );
    expect(unpaid.html).toContain("Không chi tháng này (số tiền 0), không nhập: 1 người, dòng 2.");
    expect(unpaid.html).not.toContain("không hợp lệ");
  });

  it("refuses rows of a commune outside the officer's area", async () => {
    const page = (
      await checked(
        await xlsx(BENEFICIARY_HEADER, [
          [1, "Lê Văn Cường", "079060000003", date("1960-12-31"), "Nam", "", "", "00003", "BTXH", "BTXH_OLD_80", ""],
        ]),
      )
    ).html;
    expect(page).toContain("Không thuộc địa bàn bạn quản lý.");
    expect(page).not.toContain("/apply");
    expect(await app.prisma.beneficiary.count({ where: { communeId: places.catTien } })).toBe(0);
  });

  it("refuses a file over the size limit with a clear message", async () => {
    const res = await upload(Buffer.alloc(1024 * 1024 + 10, 65), "big.csv");
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Tệp lớn hơn 1 MB.");
  });

  it("refuses a check or an import posted without the session's CSRF token", async () => {
    const file = await xlsx(BENEFICIARY_HEADER, [
      [1, "Trần Thị Bình", "001150000002", date("1950-05-02"), "Nữ", "", "", "00001", "BTXH", "BTXH_OLD_80", ""],
    ]);
    expect((await upload(file, "ds.xlsx", null)).status).toBe(403);
    expect((await upload(file, "ds.xlsx", "not-the-token")).status).toBe(403);
    const ok = await checked(file);
    const apply = await fetch(`${app.url}/console/imports/jobs/${ok.jobId}/apply`, {
      method: "POST",
      headers: { cookie: officer.cookie },
      body: new URLSearchParams({}),
    });
    expect(apply.status).toBe(403);
    expect(await app.prisma.beneficiary.count({ where: { personalId: "001150000002" } })).toBe(0);
  });

  it("keeps hotline agents out of the import and export pages", async () => {
    const agent = await signIn(app.url, "tong.dai", PW);
    expect((await get("/console/imports", agent)).status).toBe(403);
    expect((await get("/console/exports", agent)).status).toBe(403);
    expect((await get(`/console/exports/download?kind=beneficiaries&communeId=${places.anPhu}`, agent)).status).toBe(
      403,
    );
  });

  it("offers only the officer's communes and downloads their beneficiary list", async () => {
    const page = await (await get("/console/exports")).text();
    expect(page).toContain("Xã An Phú (00001)");
    expect(page).not.toContain("Xã Cát Tiên");
    const res = await get(`/console/exports/download?kind=beneficiaries&communeId=${places.anPhu}`);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain("doi-tuong-00001.xlsx");
    const ws = await readSheet(Buffer.from(await res.arrayBuffer()));
    expect(ws.getRow(8).getCell(3).value).toBe("Nguyễn Văn An");
    const outside = await get(`/console/exports/download?kind=payouts&communeId=${places.catTien}&month=2026-07`);
    expect(outside.status).toBe(403);
  });
});
