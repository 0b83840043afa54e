import { describe, expect, it } from "vitest";
import type { PayoutView } from "../payouts/types.ts";
import { dueNow } from "./noticeRules.ts";

const payout: PayoutView = {
  month: "2026-08-01",
  amount: 750_000,
  status: "SCHEDULED",
  method: "CASH_HOME",
  date: "2026-08-05",
  windowStart: null,
  windowEnd: null,
  place: null,
  account: null,
  paidOn: null,
  receivedBy: null,
  note: null,
  carriedOver: 0,
};
const at = (iso: string) => new Date(iso);

describe("when a reminder is due", () => {
  const oneDayAt1730 = { daysBefore: 1, time: "17:30" };

  it("follows the configured lead time and time of day, in Vietnam time", () => {
    // 17:29 and 17:30 on the 4th in Vietnam are 10:29 and 10:30 UTC.
    expect(dueNow("REMINDER", payout, [], at("2026-08-04T10:29:00Z"), oneDayAt1730)).toBe("wait");
    expect(dueNow("REMINDER", payout, [], at("2026-08-04T10:30:00Z"), oneDayAt1730)).toBe("send");
  });

  it("is still sent late on the day itself, but never after the day", () => {
    expect(dueNow("REMINDER", payout, [], at("2026-08-05T01:00:00Z"), oneDayAt1730)).toBe("send");
    expect(dueNow("REMINDER", payout, [], at("2026-08-05T17:00:00Z"), oneDayAt1730)).toBe("wait");
  });

  it("is covered by a scheduled notice planned inside its window, not by one planned before", () => {
    const now = at("2026-08-04T12:00:00Z");
    expect(
      dueNow("REMINDER", payout, [{ kind: "SCHEDULED", plannedAt: at("2026-08-04T11:00:00Z") }], now, oneDayAt1730),
    ).toBe("covered");
    expect(
      dueNow("REMINDER", payout, [{ kind: "SCHEDULED", plannedAt: at("2026-07-15T03:00:00Z") }], now, oneDayAt1730),
    ).toBe("send");
  });

  it("waits for a payout day when the commune has not given one", () => {
    expect(dueNow("SCHEDULED", { ...payout, date: null }, [], at("2026-07-15T03:00:00Z"), oneDayAt1730)).toBe("wait");
  });
});
