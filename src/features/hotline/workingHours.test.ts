import { describe, expect, it } from "vitest";
import { addWorkingMinutes, isWorkingTime, workingHours } from "./workingHours.ts";

const hours = workingHours("Mon-Fri 07:30-17:00");
// Vietnam time is UTC+7: 2026-07-15 is a Wednesday.
const vn = (local: string) => new Date(`${local}+07:00`);

describe("hotline working hours", () => {
  it("knows when the hotline is open", () => {
    expect(isWorkingTime(hours, vn("2026-07-15T07:30:00"))).toBe(true);
    expect(isWorkingTime(hours, vn("2026-07-15T17:00:00"))).toBe(false);
    expect(isWorkingTime(hours, vn("2026-07-18T10:00:00"))).toBe(false); // Saturday
  });

  it("counts an answer time within the same day", () => {
    expect(addWorkingMinutes(hours, vn("2026-07-15T10:00:00"), 60)).toEqual(vn("2026-07-15T11:00:00"));
  });

  it("carries what is left past closing time into the next working morning", () => {
    expect(addWorkingMinutes(hours, vn("2026-07-15T16:30:00"), 60)).toEqual(vn("2026-07-16T08:00:00"));
  });

  it("answers a Friday evening question on Monday morning", () => {
    expect(addWorkingMinutes(hours, vn("2026-07-17T20:00:00"), 60)).toEqual(vn("2026-07-20T08:30:00"));
  });

  it("accepts a week that wraps around Sunday", () => {
    const weekend = workingHours("Sat-Mon 08:00-12:00");
    expect(isWorkingTime(weekend, vn("2026-07-19T09:00:00"))).toBe(true); // Sunday
    expect(isWorkingTime(weekend, vn("2026-07-15T09:00:00"))).toBe(false); // Wednesday
  });

  it("refuses hours that close before they open", () => {
    expect(() => workingHours("Mon-Fri 17:00-07:30")).toThrow(/close before/);
  });
});
