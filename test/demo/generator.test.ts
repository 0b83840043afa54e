import { beforeAll, describe, expect, it } from "vitest";
import { generateDemoProvince, demoTimeline } from "../../src/features/demo/generator.ts";
import type { DemoData, DemoPerson } from "../../src/features/demo/types.ts";
import { loadPolicy, type Policy } from "../../src/features/policy/loadPolicy.ts";
import { monthlyAmount, priceMonth } from "../../src/features/policy/monthlyAmount.ts";
import { personalIdProblems } from "../../src/lib/personalId.ts";
import { normalisePhone } from "../../src/lib/phone.ts";

const TODAY = "2026-11-22";
let policy: Policy;
let demo: DemoData;
beforeAll(async () => {
  policy = await loadPolicy();
  demo = generateDemoProvince({ seed: 42, today: TODAY, policy });
});

const ageOn = (dob: string, day: string) =>
  Number(day.slice(0, 4)) - Number(dob.slice(0, 4)) - (day.slice(5) < dob.slice(5) ? 1 : 0);
const has = (p: DemoPerson, code: string) => p.categories.some((c) => c.code === code);

describe("demo province generator", () => {
  it("gives the same province for the same seed and day, and another for another seed", () => {
    expect(generateDemoProvince({ seed: 42, today: TODAY, policy, count: 300 })).toEqual(
      generateDemoProvince({ seed: 42, today: TODAY, policy, count: 300 }),
    );
    const other = generateDemoProvince({ seed: 43, today: TODAY, policy, count: 300 });
    expect(other.people.map((p) => p.beneficiary.fullName)).not.toEqual(
      demo.people.slice(0, 300).map((p) => p.beneficiary.fullName),
    );
    // A person does not depend on how many are generated.
    expect(demo.people[120]).toEqual(generateDemoProvince({ seed: 42, today: TODAY, policy, count: 121 }).people[120]);
  });

  it("is a fictional province of about 2,000 people in 5-6 communes, both programmes", () => {
    expect(demo.province).toEqual({ code: "A01", name: "Tỉnh An Hòa" });
    expect(demo.communes.length).toBeGreaterThanOrEqual(5);
    expect(demo.people).toHaveLength(2_000);
    const ncc = demo.people.filter((p) => p.beneficiary.programme === "NCC").length;
    expect(ncc).toBeGreaterThan(300);
    expect(ncc).toBeLessThan(900);
    for (const c of demo.communes) expect(demo.people.some((p) => p.beneficiary.communeCode === c.code)).toBe(true);
  });

  it("gives everyone a unique personal ID consistent with their sex and date of birth", () => {
    const ids = new Set<string>();
    for (const { beneficiary: b, relatives } of demo.people) {
      expect([b.personalId, personalIdProblems(b.personalId, { sex: b.sex, dateOfBirth: b.dateOfBirth })]).toEqual([
        b.personalId,
        [],
      ]);
      ids.add(b.personalId);
      for (const r of relatives) {
        if (r.personalId) {
          expect(personalIdProblems(r.personalId)).toEqual([]);
          ids.add(r.personalId);
        }
      }
    }
    const relativeIds = demo.people.flatMap((p) => p.relatives.filter((r) => r.personalId)).length;
    expect(ids.size).toBe(demo.people.length + relativeIds);
  });

  it("gives most adults a valid, unique mobile number and some none", () => {
    const phones = demo.people.map((p) => p.beneficiary.phone).filter((p) => p !== null);
    for (const phone of phones) expect(normalisePhone(phone)).toBe(phone);
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.length).toBeGreaterThan(demo.people.length * 0.6);
    expect(phones.length).toBeLessThan(demo.people.length * 0.95);
    for (const p of demo.people)
      for (const r of p.relatives) if (r.phone) expect(normalisePhone(r.phone)).toBe(r.phone);
  });

  it("gives each person an age that fits their category in every month shown", () => {
    const first = demo.periods[0]!.month;
    for (const p of demo.people) {
      const dob = p.beneficiary.dateOfBirth;
      const [young, old] = [ageOn(dob, first), ageOn(dob, TODAY)];
      if (has(p, "BTXH_CHILD_NO_CARER_UNDER4") || has(p, "BTXH_CHILD_HIV_POOR_UNDER4")) expect(old).toBeLessThan(4);
      if (has(p, "BTXH_POOR_CHILD_UNDER3_MOUNTAIN")) expect(old).toBeLessThan(3);
      if (has(p, "BTXH_CHILD_NO_CARER_4PLUS")) expect([young >= 4, old < 16]).toEqual([true, true]);
      if (has(p, "BTXH_OLD_80")) expect(young).toBeGreaterThanOrEqual(80);
      if (has(p, "BTXH_OLD_60_80_POOR")) expect([young >= 60, old < 80]).toEqual([true, true]);
      if (has(p, "SOCIAL_PENSION")) expect(young).toBeGreaterThanOrEqual(70);
      if (has(p, "NCC_HEROIC_MOTHER")) expect(p.beneficiary.sex).toBe("FEMALE");
      expect(dob < first).toBe(true);
    }
  });

  it("pays every month exactly the policy amount (with the province's resolution) plus what was carried over", () => {
    let atOldLevel = 0;
    for (const p of demo.people) {
      p.payouts.forEach((payout, k) => {
        const input = {
          programme: p.beneficiary.programme,
          categories: p.categories,
          month: payout.month,
          provinceCode: "A01",
        };
        const priced = priceMonth(policy, input);
        // Where the policy data lacks the amount (the war-invalid table at 3,012,000), the commune
        // keeps paying the amount of the last base level it can price.
        if (!priced.ok) {
          expect(["rateRowMissing", "amountMissing"]).toContain(priced.gap.kind);
          atOldLevel += 1;
        }
        const due = priced.ok ? priced : monthlyAmount(policy, { ...input, baseLevel: 2_789_000 });
        if (p.categories.some((c) => c.code === "SOCIAL_PENSION") && p.categories.length === 1)
          expect(due.total).toBe(600_000);
        const carried = payout.lines.filter((l) => l.kind === "CARRIED_OVER");
        const previous = p.payouts[k - 1];
        if (carried.length > 0) {
          expect(previous?.status).toBe("CARRIED_OVER");
          expect(carried.map((l) => l.amount)).toEqual([previous!.amount]);
        } else {
          expect(previous?.status).not.toBe("CARRIED_OVER");
        }
        expect(payout.amount).toBe(due.total + carried.reduce((s, l) => s + l.amount, 0));
        expect(payout.lines.filter((l) => l.kind !== "CARRIED_OVER").map((l) => l.amount)).toEqual(
          due.lines.map((l) => l.amount),
        );
      });
    }
    expect(atOldLevel).toBeGreaterThan(0);
  });

  it("has three months of history, mostly paid, and the next month scheduled per commune", () => {
    expect(demo.periods).toEqual([
      { month: "2026-09-01", status: "CLOSED" },
      { month: "2026-10-01", status: "CLOSED" },
      { month: "2026-11-01", status: "CLOSED" },
      { month: "2026-12-01", status: "SCHEDULED" },
    ]);
    const history = demo.people.flatMap((p) => p.payouts.slice(0, 3));
    const share = (status: string) => history.filter((o) => o.status === status).length / history.length;
    expect(share("PAID")).toBeGreaterThan(0.9);
    expect(share("CARRIED_OVER")).toBeGreaterThan(0.01);
    expect(share("FAILED")).toBeGreaterThan(0.002);
    const next = demo.people.map((p) => p.payouts[3]!);
    expect(next.every((o) => o.status === "SCHEDULED" && o.month === "2026-12-01" && o.scheduledDate > TODAY)).toBe(
      true,
    );
    const days = new Set(
      demo.schedules.filter((s) => s.month === "2026-12-01").map((s) => `${s.communeCode} ${s.date} ${s.startTime}`),
    );
    expect(days.size).toBeGreaterThanOrEqual(demo.communes.length);
    const firstDays = demo.communes.map(
      (c) => demo.schedules.filter((s) => s.communeCode === c.code && s.month === "2026-12-01")[0]!.date,
    );
    expect(new Set(firstDays).size).toBeGreaterThan(2);
  });

  it("keeps this month as the next payout month while its payout days are still ahead", () => {
    const early = demoTimeline("2026-11-03");
    expect(early.periods.map((p) => p.month)).toEqual(["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]);
    expect(early.schedules.filter((s) => s.month === "2026-11-01").every((s) => s.date > "2026-11-03")).toBe(true);
    // Between payout days the month is still open.
    expect(demoTimeline("2026-11-07").periods.at(-2)).toEqual({ month: "2026-11-01", status: "SCHEDULED" });
  });

  it("pays about half through accounts from realistic providers, the others in cash", () => {
    const withAccount = demo.people.filter((p) => p.accounts.length > 0).length / demo.people.length;
    expect(withAccount).toBeGreaterThan(0.4);
    expect(withAccount).toBeLessThan(0.6);
    const providers = new Set(demo.people.flatMap((p) => p.accounts.map((a) => a.provider)));
    expect([...providers].sort()).toEqual(
      [
        "Agribank",
        "BIDV",
        "LienVietPostBank",
        "MoMo",
        "VNPT Money",
        "VietinBank",
        "Vietcombank",
        "Viettel Money",
      ].sort(),
    );
    for (const p of demo.people) {
      const verified = p.accounts.find((a) => a.status === "VERIFIED");
      for (const o of p.payouts) {
        if (verified) expect([o.method, o.accountId]).toEqual([verified.method, verified.id]);
        else expect(["CASH_POINT", "CASH_HOME"]).toContain(o.method);
        if (o.method === "CASH_POINT") expect([o.pointName !== null, o.windowStart !== null]).toEqual([true, true]);
      }
    }
  });

  it("has relatives with approved authorisations, a couple about to expire", () => {
    const auths = demo.people.flatMap((p) => p.authorisations.map((a) => ({ p, a })));
    const approved = auths.filter(({ a }) => a.status === "APPROVED" && a.validUntil >= TODAY);
    expect(approved.length).toBeGreaterThan(50);
    const soon = approved.filter(({ a }) => a.validUntil <= "2026-12-06");
    expect(soon.length).toBeGreaterThanOrEqual(2);
    const collected = demo.people.flatMap((p) => p.payouts).filter((o) => o.receivedBy !== null);
    expect(collected.length).toBeGreaterThan(20);
    for (const { p, a } of auths) expect(p.relatives.map((r) => r.id)).toContain(a.relativeId);
  });
});
