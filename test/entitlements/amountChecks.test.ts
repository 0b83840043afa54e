// The officer's amount check: wrong payouts are found with a likely cause, only within the
// officer's area, on the console page and from the command line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheckAmountsCli } from "../../src/cli/checkAmounts.ts";
import { checkAmounts } from "../../src/features/entitlements/checkAmounts.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";
import { addPayout, addPerson, seedPlace, type Place } from "./fixtures.ts";

const PW = "mat-khau-dung-1";

describe("checking payout amounts against the policy", () => {
  let app: TestApp;
  let place: Place;
  let hoaAnOfficer: SignedIn;
  let dongBaOfficer: SignedIn;
  const ids: Record<string, string> = {};
  const masked: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    place = await seedPlace(app.prisma);
    const p = app.prisma;
    const { hoaAn, dongBa } = place.communes;
    const person = async (
      key: string,
      name: string,
      communeId: string,
      programme: "BTXH" | "NCC",
      categories: { code: string; rate?: number }[],
      extra = {},
    ) => {
      ids[key] = await addPerson(p, { name, communeId, programme, categories, ...extra });
      const row = await p.beneficiary.findUniqueOrThrow({ where: { id: ids[key] } });
      masked[key] = `••••••••${row.personalId.slice(-4)}`;
      return ids[key];
    };
    const sep = "2025-09-01";
    await addPayout(p, await person("right", "Bà Đúng", hoaAn, "BTXH", [{ code: "BTXH_OLD_80" }]), sep, [
      { kind: "MONTHLY", amount: 1_000_000 },
    ]);
    await addPayout(p, await person("oldLevel", "Bà Hai", hoaAn, "BTXH", [{ code: "BTXH_OLD_80" }]), sep, [
      { kind: "MONTHLY", amount: 720_000 },
    ]);
    await addPayout(
      p,
      await person("both", "Ông Ba", hoaAn, "BTXH", [
        { code: "BTXH_OLD_80" },
        { code: "BTXH_ESPECIALLY_SEVERE_DISABILITY_CHILD_OR_OLD" },
      ]),
      sep,
      [
        { kind: "MONTHLY", amount: 1_000_000 },
        { kind: "MONTHLY", amount: 1_250_000 },
      ],
    );
    await addPayout(
      p,
      await person("stopped", "Anh Tư", hoaAn, "BTXH", [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }], {
        status: "ENDED",
        statusChangedAt: new Date("2025-07-10T02:00:00Z"),
      }),
      sep,
      [{ kind: "MONTHLY", amount: 750_000 }],
      "SCHEDULED",
    );
    await addPayout(p, await person("invalid", "Ông Năm", hoaAn, "NCC", [{ code: "NCC_WAR_INVALID", rate: 61 }]), sep, [
      { kind: "MONTHLY", amount: 5_450_000 },
    ]);
    // Carried-over money on its own line is not a wrong monthly amount.
    await addPayout(p, await person("carried", "Bà Sáu", hoaAn, "BTXH", [{ code: "SOCIAL_PENSION" }]), sep, [
      { kind: "MONTHLY", amount: 500_000 },
      { kind: "CARRIED_OVER", amount: 500_000 },
    ]);
    await addPayout(
      p,
      await person("other", "Chị Bảy", dongBa, "BTXH", [{ code: "BTXH_SEVERE_DISABILITY_ADULT" }]),
      sep,
      [{ kind: "MONTHLY", amount: 540_000 }],
    );

    await createStaff(p, { username: "xa.hoaan", password: PW, role: "COMMUNE_OFFICER", communeCodes: ["90301"] });
    await createStaff(p, { username: "phuong.dongba", password: PW, role: "COMMUNE_OFFICER", communeCodes: ["90302"] });
    await createStaff(p, { username: "tongdai", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["903"] });
    hoaAnOfficer = await signIn(app.url, "xa.hoaan", PW);
    dongBaOfficer = await signIn(app.url, "phuong.dongba", PW);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("finds each wrong monthly amount of a commune with its likely cause", async () => {
    const result = await checkAmounts(app.prisma, place.policy, {
      month: "2025-09",
      communeIds: [place.communes.hoaAn],
    });
    expect(result.checked).toBe(6);
    expect(result.rows.map((r) => [r.fullName, r.expected, r.paid, r.difference, r.reason])).toEqual([
      ["Anh Tư", 0, 750_000, 750_000, { kind: "stopped", status: "ENDED" }],
      ["Bà Hai", 1_000_000, 720_000, -280_000, { kind: "oldBaseLevel", baseLevel: 360_000 }],
      ["Ông Ba", 1_250_000, 2_250_000, 1_000_000, { kind: "allCategories" }],
    ]);
    expect(result.rows.every((r) => r.personalIdMasked.startsWith("••••••••"))).toBe(true);
    const everywhere = await checkAmounts(app.prisma, place.policy, { month: "2025-09-01", communeIds: null });
    expect(everywhere.rows.map((r) => r.fullName)).toContain("Chị Bảy");
    expect((await checkAmounts(app.prisma, place.policy, { month: "2025-10", communeIds: null })).checked).toBe(0);
  });

  const page = (who: SignedIn, query: string) =>
    fetch(`${app.url}/console/amount-checks${query}`, { headers: { cookie: who.cookie } });

  it("shows the commune officer the wrong payouts of their commune, masked, and nobody else's", async () => {
    const res = await page(hoaAnOfficer, "?month=2025-09");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("Kiểm tra số tiền");
    expect(body).toContain("Bà Hai");
    expect(body).toContain(masked.oldLevel);
    expect(body).toContain("Tính theo mức chuẩn cũ 360.000 đ");
    expect(body).toContain("Cộng cả các diện, trong khi chỉ được hưởng một mức cao nhất");
    expect(body).toContain("Vẫn chi trả dù trợ cấp đã dừng (Thôi hưởng)");
    expect(body).toContain("-280.000 đ");
    expect(body).not.toContain("Chị Bảy");
    expect(body).not.toContain("Bà Đúng");
    const full = await app.prisma.beneficiary.findUniqueOrThrow({ where: { id: ids.oldLevel } });
    expect(body).not.toContain(full.personalId);
  });

  it("does not show another commune's payouts, even when asked for by id", async () => {
    const theirs = await page(dongBaOfficer, `?month=2025-09&communeId=${place.communes.hoaAn}`);
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain("Bà Hai");
    const own = await (await page(dongBaOfficer, `?month=2025-09&communeId=${place.communes.dongBa}`)).text();
    expect(own).toContain("Chị Bảy");
    expect(own).not.toContain("Bà Hai");
  });

  it("is for officers, not hotline agents", async () => {
    const agent = await signIn(app.url, "tongdai", PW);
    expect((await page(agent, "?month=2025-09")).status).toBe(403);
  });

  it("from the command line, lists the differences and exits with 1, or 0 when all agree", async () => {
    const printed: string[] = [];
    const io = {
      prisma: app.prisma,
      policy: place.policy,
      translator: (locale: string) => app.deps.i18n.t(locale),
      print: (line: string) => printed.push(line),
    };
    expect(await runCheckAmountsCli(["--month", "2025-09", "--commune", "90302"], io)).toBe(1);
    expect(printed).toEqual([
      "Tháng 09/2025: đã đối chiếu 1 khoản chi trả, 1 khoản chênh lệch.",
      `90302\tChị Bảy\t${masked.other}\t750.000 đ\t540.000 đ\t-210.000 đ\tTính theo mức chuẩn cũ 360.000 đ`,
    ]);
    printed.length = 0;
    expect(await runCheckAmountsCli(["--month", "2025-08", "--lang", "en"], io)).toBe(0);
    expect(printed).toEqual(["08/2025: 0 payouts compared, 0 differ."]);
    expect(await runCheckAmountsCli(["--month", "2025-9"], io)).toBe(2);
    expect(await runCheckAmountsCli(["--month", "2025-09", "--commune", "00000"], io)).toBe(1);
  });
});
