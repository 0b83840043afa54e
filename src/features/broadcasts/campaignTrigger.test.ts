import { describe, expect, it } from "vitest";
import { dueFireDay, nextFireDay } from "./campaignTrigger.ts";

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);

describe("when a campaign fires", () => {
  const daily = {
    trigger: { kind: "beforePayout" as const, days: 3 },
    sendTime: "08:00",
    activatedAt: at("2026-06-20", "09:00"),
  };

  it("fires from its send time until the end of that Vietnam day, never before", () => {
    expect(dueFireDay(daily, at("2026-06-29", "07:59"))).toBeNull();
    expect(dueFireDay(daily, at("2026-06-29", "08:00"))).toBe("2026-06-29");
    expect(dueFireDay(daily, at("2026-06-29", "23:59"))).toBe("2026-06-29");
    // 00:30 in Vietnam is still the previous day in UTC: the Vietnam day counts.
    expect(dueFireDay(daily, at("2026-06-30", "00:30"))).toBeNull();
  });

  it("does not fire for a send time before it was switched on", () => {
    const late = { ...daily, activatedAt: at("2026-06-29", "10:00") };
    expect(dueFireDay(late, at("2026-06-29", "10:01"))).toBeNull();
    expect(nextFireDay(late, at("2026-06-29", "10:01"))).toBe("2026-06-30");
    expect(nextFireDay(daily, at("2026-06-29", "07:00"))).toBe("2026-06-29");
    expect(nextFireDay(daily, at("2026-06-29", "09:00"), true)).toBe("2026-06-30");
  });

  it("fires on its day of the month only, the next one possibly in the next year", () => {
    const monthly = { ...daily, trigger: { kind: "dayOfMonth" as const, day: 1 } };
    expect(dueFireDay(monthly, at("2026-12-31", "08:00"))).toBeNull();
    expect(nextFireDay(monthly, at("2026-12-01", "09:00"), true)).toBe("2027-01-01");
    expect(dueFireDay(monthly, at("2027-01-01", "08:00"))).toBe("2027-01-01");
  });
});
