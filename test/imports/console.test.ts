import type { Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { AppError } from "../../src/core/errors.ts";
import { createExportsRouter } from "../../src/http/console/exports.ts";
import { createImportsRouter } from "../../src/http/console/imports.ts";
import { setStaff, type StaffContext } from "../../src/http/context.ts";
import type { AppDeps } from "../../src/http/deps.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { BENEFICIARY_HEADER, date, importDeps, officer, readSheet, seedPlaces, xlsx, type Places } from "./fixtures.ts";

// The console router signs the officer in, picks the language, parses forms and checks CSRF
// before these routers; this harness does only the first three.
describe("console import and export pages", () => {
  let db: TestDatabase;
  let places: Places;
  let staff: StaffContext;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    places = await seedPlaces(db.prisma);
    staff = await officer(db.prisma, [places.anPhu]);
    const core = await importDeps(db.prisma);
    const deps: AppDeps = { ...core, config: loadConfig({ IMPORT_MAX_MB: "1" }), db, isReady: () => true };
    const app = express();
    app.use((_req, res, next) => {
      setStaff(res, staff);
      res.locals.locale = "vi";
      next();
    });
    app.use(express.urlencoded({ extended: false, limit: "5mb" }));
    app.use("/console/imports", createImportsRouter(deps));
    app.use("/console/exports", createExportsRouter(deps));
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      res.status(err instanceof AppError ? err.status : 500).send(String(err));
    });
    server = app.listen(0);
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    server.close();
    await db.destroy();
  });

  const upload = async (data: Buffer, name = "ds.xlsx") => {
    const form = new FormData();
    form.set("kind", "beneficiaries");
    form.set("file", new Blob([new Uint8Array(data)]), name);
    return fetch(`${base}/console/imports/check?_csrf=c`, { method: "POST", body: form });
  };

  it("shows the upload form with the token in the action, without the areas list for an officer", async () => {
    const page = await (await fetch(`${base}/console/imports`)).text();
    expect(page).toContain("Kiểm tra trước");
    expect(page).toContain('action="/console/imports/check?_csrf=c"');
    expect(page).not.toContain('value="areas"');
  });

  it("checks a file, shows its errors, and imports it only after it is fixed", async () => {
    const broken = await xlsx(BENEFICIARY_HEADER, [[1, "Nguyễn Văn An", "001045000001", date("1945-03-01"), "Nữ", "", "", "00001", "BTXH", "BTXH_OLD_80", ""]]);
    const errorPage = await (await upload(broken)).text();
    expect(errorPage).toContain("Chữ số thứ 4 của số định danh không khớp với giới tính.");
    expect(errorPage).not.toContain('action="/console/imports/apply"');

    const fixed = await xlsx(BENEFICIARY_HEADER, [[1, "Nguyễn Văn An", "001045000001", date("1945-03-01"), "Nam", "", "", "00001", "BTXH", "BTXH_OLD_80", ""]]);
    const checked = await (await upload(fixed)).text();
    expect(checked).toContain("1 thêm mới");
    expect(await db.prisma.beneficiary.count()).toBe(0);
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(checked)?.[1] ?? "";
    const applied = await fetch(`${base}/console/imports/apply`, {
      method: "POST",
      body: new URLSearchParams({ _csrf: "c", kind: hidden("kind"), fileName: hidden("fileName"), data: hidden("data") }),
    });
    expect(await applied.text()).toContain("Đã nhập xong tệp ds.xlsx.");
    expect(await db.prisma.beneficiary.count()).toBe(1);
    expect(await (await fetch(`${base}/console/imports`)).text()).toContain("Đã nhập");
  });

  it("refuses a file over the size limit", async () => {
    const res = await upload(Buffer.alloc(1024 * 1024 + 10, 65), "big.csv");
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("Tệp lớn hơn 1 MB.");
  });

  it("offers only the officer's communes and downloads their beneficiary list", async () => {
    const page = await (await fetch(`${base}/console/exports`)).text();
    expect(page).toContain("Xã An Phú (00001)");
    expect(page).not.toContain("Xã Cát Tiên");
    const res = await fetch(`${base}/console/exports/download?kind=beneficiaries&communeId=${places.anPhu}`);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain("doi-tuong-00001.xlsx");
    const ws = await readSheet(Buffer.from(await res.arrayBuffer()));
    expect(ws.getRow(2).getCell(2).value).toBe("Nguyễn Văn An");
    const outside = await fetch(`${base}/console/exports/download?kind=payouts&communeId=${places.catTien}&month=2026-07`);
    expect(outside.status).toBe(403);
  });
});
