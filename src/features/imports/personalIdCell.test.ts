import { describe, expect, it } from "vitest";
import { readPersonalId } from "./personalIdCell.ts";

// Trần Thị Lan, born 1950, from Hà Nội (001): her ID is 001 1 50 xxxxxx (1: a woman born in the 1900s).
const facts = { sex: "FEMALE" as const, dateOfBirth: "1950-03-04" };

describe("reading a personal ID cell", () => {
  it("restores the zeros a number cell dropped when that gives her ID", () => {
    expect(readPersonalId(1150012345, facts)).toEqual({ kind: "full", id: "001150012345" });
    expect(readPersonalId("001150012345", facts)).toEqual({ kind: "full", id: "001150012345" });
  });

  it("explains an ID of 11 digits by its length, as text or as a number, never as a wrong province or sex", () => {
    // One digit missing, typed as text, as a number, or as text without its leading zero.
    for (const cell of ["00115001234", 79315012345, "79315012345", 12345678901]) {
      expect(readPersonalId(cell, facts), String(cell)).toEqual({
        kind: "problem",
        problems: [{ code: "personal_id_length", params: { digits: 11 } }],
      });
    }
  });

  it("still names the digit that disagrees with her sex when the ID has its 12 digits", () => {
    expect(readPersonalId("001050012345", facts)).toEqual({
      kind: "problem",
      problems: [{ code: "personal_id_sex", params: {} }],
    });
  });

  it("says a CSV lost the digits when Excel saved the ID in scientific form", () => {
    for (const cell of ["1.15001E+11", "1,15001E+11", "1.15E11"]) {
      expect(readPersonalId(cell, facts), cell).toEqual({
        kind: "problem",
        problems: [{ code: "personal_id_scientific", params: {} }],
      });
    }
  });
});
