import { describe, expect, it } from "vitest";
import { nextSendableTime, parseQuietHours, vietnamTime } from "./quietHours.ts";

const night = parseQuietHours("21:00-07:00");

describe("quiet hours", () => {
  it("lets a notice go in the daytime", () => {
    const noon = vietnamTime("2026-12-03", "12:00");
    expect(nextSendableTime(noon, night)).toEqual(noon);
  });

  it("holds a notice written late in the evening until 07:00 the next morning", () => {
    expect(nextSendableTime(vietnamTime("2026-12-03", "22:15"), night)).toEqual(vietnamTime("2026-12-04", "07:00"));
  });

  it("holds a notice written after midnight until 07:00 the same morning", () => {
    expect(nextSendableTime(vietnamTime("2026-12-04", "03:00"), night)).toEqual(vietnamTime("2026-12-04", "07:00"));
  });

  it("treats the end of the window as allowed and its start as quiet", () => {
    expect(nextSendableTime(vietnamTime("2026-12-04", "07:00"), night)).toEqual(vietnamTime("2026-12-04", "07:00"));
    expect(nextSendableTime(vietnamTime("2026-12-04", "21:00"), night)).toEqual(vietnamTime("2026-12-05", "07:00"));
  });

  it("supports a window inside one day, and can be turned off", () => {
    const lunch = parseQuietHours("11:30-13:30");
    expect(nextSendableTime(vietnamTime("2026-12-04", "12:00"), lunch)).toEqual(vietnamTime("2026-12-04", "13:30"));
    expect(parseQuietHours("off")).toBeNull();
  });
});
