import { describe, expect, it } from "vitest";
import { historyText, missedInARow } from "./historyText.ts";
import type { PayoutOverview, PayoutView } from "./types.ts";

const base: PayoutView = {
  month: "2026-07-01",
  amount: 750_000,
  status: "PAID",
  method: "CASH_POINT",
  date: "2026-07-05",
  windowStart: "07:30",
  windowEnd: "11:00",
  place: { name: "Nhà văn hóa thôn 3", address: "Thôn 3" },
  account: null,
  paidOn: "2026-07-05",
  receivedBy: null,
  note: null,
  carriedOver: 0,
};
const month = (m: string, status: PayoutView["status"], extra: Partial<PayoutView> = {}): PayoutView => ({
  ...base,
  month: m,
  status,
  ...extra,
});
const overview = (history: PayoutView[]): PayoutOverview => ({
  beneficiaryId: "b-1",
  fullName: "Nguyễn Thị Đào",
  sex: "FEMALE",
  programme: "BTXH",
  status: "ACTIVE",
  next: null,
  history,
});

describe("the payout history in words", () => {
  it("counts the months not collected in a row, from the newest", () => {
    expect(
      missedInARow([
        month("2026-07-01", "UNCOLLECTED"),
        month("2026-06-01", "CARRIED_OVER"),
        month("2026-05-01", "PAID"),
      ]),
    ).toBe(2);
    expect(missedInARow([month("2026-07-01", "PAID"), month("2026-06-01", "CARRIED_OVER")])).toBe(0);
    expect(missedInARow([month("2026-07-01", "UNCOLLECTED")])).toBe(1);
  });

  it("says an uncollected month carries over, and warns only from the second month in a row", () => {
    const one = historyText(
      overview([month("2026-07-01", "UNCOLLECTED", { paidOn: null }), month("2026-06-01", "PAID")]),
    ).map((t) => t.key);
    expect(one).toContain("payouts:todo.uncollected");
    expect(one).not.toContain("payouts:missed.streak");
    const two = historyText(overview([month("2026-07-01", "UNCOLLECTED"), month("2026-06-01", "UNCOLLECTED")]));
    expect(two.at(-1)).toEqual({ key: "payouts:missed.streak", params: { count: 2 } });
  });

  it("says when a month was collected and by whom, and leaves out what is not known", () => {
    const t = historyText(
      overview([
        month("2026-07-01", "PAID", { receivedBy: "Lê Thị Hoa" }),
        month("2026-06-01", "PAID", { paidOn: null }),
      ]),
    );
    expect(t).toEqual([
      { key: "payouts:history.title" },
      {
        key: "payouts:history.line",
        params: { month: 7, year: 2026, amount: { vnd: 750_000 }, status: { key: "payouts:status.PAID" } },
      },
      { key: "payouts:todo.paidOn", params: { date: { date: "2026-07-05" } } },
      { key: "payouts:todo.receivedBy", params: { name: "Lê Thị Hoa" } },
      {
        key: "payouts:history.line",
        params: { month: 6, year: 2026, amount: { vnd: 750_000 }, status: { key: "payouts:status.PAID" } },
      },
    ]);
  });

  it("says there is nothing yet for someone without payouts", () => {
    expect(historyText(overview([]))).toEqual([{ key: "payouts:history.none" }]);
  });
});
