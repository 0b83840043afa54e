// The upload form's CSRF token travels in the form, not in the address (where it would reach logs,
// browser history and Referer headers): the check reads the form's first field and leaves the
// whole body, file included, to the upload itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { BENEFICIARY_HEADER, date, seedPlaces, xlsx, type Row } from "../imports/fixtures.ts";
import { finishedJob } from "../imports/jobPages.ts";

const PW = "mat-khau-dung-1";

describe("the upload form's CSRF token", () => {
  let app: TestApp;
  let officer: SignedIn;
  let file: Buffer;

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
    // Several hundred rows: the body arrives in many chunks after the token.
    const rows: Row[] = Array.from({ length: 400 }, (_, i) => [
      i + 1,
      `Nguyễn Văn ${i}`,
      `0010450${String(i).padStart(5, "0")}`,
      date("1945-03-01"),
      "Nam",
      "",
      "",
      "00001",
      "BTXH",
      "BTXH_OLD_80",
      "",
    ]);
    file = await xlsx(BENEFICIARY_HEADER, rows);
  });
  afterAll(async () => {
    await app?.close();
  });

  const upload = (fields: [string, string | Blob][], query = "") => {
    const form = new FormData();
    for (const [name, value] of fields) {
      if (value instanceof Blob) form.append(name, value, "ds.xlsx");
      else form.append(name, value);
    }
    return fetch(`${app.url}/console/imports/check${query}`, {
      method: "POST",
      body: form,
      headers: { cookie: officer.cookie, accept: "text/html" },
      redirect: "manual",
    });
  };

  it("is a field of the form, never part of its address", async () => {
    const page = await (await fetch(`${app.url}/console/imports`, { headers: { cookie: officer.cookie } })).text();
    const form = /<form[^>]*enctype="multipart\/form-data"[^>]*>/.exec(page)?.[0] ?? "";
    expect(form).toContain('action="/console/imports/check"');
    expect(page).not.toContain(officer.csrfToken.slice(0, 20) + "%");
    expect(page).not.toMatch(/action="[^"]*_csrf/);
  });

  it("lets an upload through with the token as its first field, and the whole file reaches the check", async () => {
    const res = await upload([
      ["_csrf", officer.csrfToken],
      ["kind", "beneficiaries"],
      ["file", new Blob([new Uint8Array(file)])],
    ]);
    // The check runs as a job: the upload is taken (303 to the job's page) and its report lists everyone.
    const job = await finishedJob(app.url, officer, res);
    expect(job.status).toBe(200);
    expect(job.html).toContain("400 người sẽ được thêm");
  });

  it("refuses an upload with the token only in the address, a wrong token, or none", async () => {
    const body: [string, string | Blob][] = [
      ["kind", "beneficiaries"],
      ["file", new Blob([new Uint8Array(file)])],
    ];
    const checksBefore = await app.prisma.auditLog.count({ where: { action: { startsWith: "import." } } });
    expect((await upload(body, `?_csrf=${encodeURIComponent(officer.csrfToken)}`)).status).toBe(403);
    expect((await upload([["_csrf", "x".repeat(43)], ...body])).status).toBe(403);
    expect((await upload(body)).status).toBe(403);
    expect(await app.prisma.auditLog.count({ where: { action: { startsWith: "import." } } })).toBe(checksBefore);
  });
});
