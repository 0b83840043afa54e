import { describe, expect, it } from "vitest";
import {
  formatVietnamDateTime,
  minuteOfVietnamDay,
  startOfVietnamDay,
  vietnamClock,
  vietnamDate,
  vietnamTime,
  vietnamWeekday,
} from "./vietnamTime.ts";

describe("Vietnam time", () => {
  it("puts an evening in UTC on the next Vietnam day, at the right clock time", () => {
    const at = new Date("2026-12-06T18:30:00Z"); // 01:30 on Monday 7 December in Vietnam
    expect(vietnamDate(at)).toBe("2026-12-07");
    expect(vietnamClock(at)).toBe("01:30");
    expect(minuteOfVietnamDay(at)).toBe(90);
    expect(vietnamWeekday(at)).toBe(1);
    expect(formatVietnamDateTime(at)).toBe("07/12/2026 01:30");
  });

  it("turns a Vietnam day and clock time into the instant, midnight included", () => {
    expect(vietnamTime("2026-07-01", "08:00").toISOString()).toBe("2026-07-01T01:00:00.000Z");
    expect(startOfVietnamDay("2026-01-01").toISOString()).toBe("2025-12-31T17:00:00.000Z");
  });
});
