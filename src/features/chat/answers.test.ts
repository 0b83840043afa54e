import { describe, expect, it } from "vitest";
import { dateOfBirthAnswer, personalIdAnswer, phoneLast4Answer, yesNoAnswer } from "./answers.ts";

const TODAY = "2026-07-15";

describe("reading answers", () => {
  it.each([
    ["12/3/1945", "1945-03-12"],
    ["12/03/1945", "1945-03-12"],
    ["12-3-1945", "1945-03-12"],
    ["12.3.1945", "1945-03-12"],
    ["12 3 1945", "1945-03-12"],
    ["ngày 12 tháng 3 năm 1945", "1945-03-12"],
    [" 1/1/1930 ", "1930-01-01"],
  ])("reads the date of birth %s", (typed, date) => {
    expect(dateOfBirthAnswer(typed, TODAY)).toBe(date);
  });

  it.each(["31/02/1945", "12/3/45", "1945-03-12", "12/13/1945", "1/1/2030", "hôm qua", "1/1/1850"])(
    "refuses the date %s",
    (typed) => {
      expect(dateOfBirthAnswer(typed, TODAY)).toBeNull();
    },
  );

  it("reads a personal ID with spaces or dots and tells a bad length from a bad structure", () => {
    expect(personalIdAnswer("001 145 012 345")).toEqual({ ok: true, personalId: "001145012345" });
    expect(personalIdAnswer("001.145.012.345")).toEqual({ ok: true, personalId: "001145012345" });
    expect(personalIdAnswer("12345")).toEqual({ ok: false, problem: "format" });
    expect(personalIdAnswer("00114501234a")).toEqual({ ok: false, problem: "format" });
    // 999 is no province code.
    expect(personalIdAnswer("999145012345")).toEqual({ ok: false, problem: "structure" });
  });

  it("takes four digits, or the last four of a whole phone number", () => {
    expect(phoneLast4Answer("5678")).toBe("5678");
    expect(phoneLast4Answer("56 78")).toBe("5678");
    expect(phoneLast4Answer("0912 345 678")).toBe("5678");
    expect(phoneLast4Answer("+84912345678")).toBe("5678");
    expect(phoneLast4Answer("567")).toBeNull();
    expect(phoneLast4Answer("năm sáu bảy tám")).toBeNull();
  });

  it("understands yes and no in both languages", () => {
    expect(yesNoAnswer("Đồng ý")).toBe(true);
    expect(yesNoAnswer("có")).toBe(true);
    expect(yesNoAnswer("OK")).toBe(true);
    expect(yesNoAnswer("Không")).toBe(false);
    expect(yesNoAnswer("no")).toBe(false);
    expect(yesNoAnswer("để tôi nghĩ")).toBeNull();
  });
});
