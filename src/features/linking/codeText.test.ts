import { describe, expect, it } from "vitest";
import { LINK_CODE_ALPHABET, displayLinkCode, generateLinkCode, linkCodeCandidates } from "./codeText.ts";

describe("link code text", () => {
  it("draws 8 symbols without look-alikes and prints them as two groups of four", () => {
    const codes = Array.from({ length: 2000 }, generateLinkCode);
    for (const c of codes) expect(c).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ2-9]{8}$/);
    expect(codes.join("")).not.toMatch(/[IO01]/);
    // Every symbol turns up: the draw covers the whole alphabet, not a slice of it.
    expect(new Set(codes.join(""))).toEqual(new Set(LINK_CODE_ALPHABET));
    expect(new Set(codes).size).toBe(codes.length);
    expect(displayLinkCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });

  it.each([
    ["ABCD-EFGH"],
    ["abcd efgh"],
    ["  abcdefgh "],
    ["Abcd–Efgh"],
    ["“ABCD-EFGH”"],
    ["ａｂｃｄ－ｅｆｇｈ"],
    ["ab cd.ef gh"],
  ])("reads %j as ABCDEFGH", (typed) => {
    expect(linkCodeCandidates(typed)).toEqual(["ABCDEFGH"]);
  });

  it("undoes what a Vietnamese Telex or VNI keyboard did to the letters", () => {
    // Telex: "as" → "á", "dd" → "đ", "w" → "ư", "ee" → "ê".
    expect(linkCodeCandidates("ká2b-cde")).toContain("KAS2BCDE");
    expect(linkCodeCandidates("đxyz234")).toContain("DDXYZ234");
    expect(linkCodeCandidates("ư3kp mnrt")).toContain("W3KPMNRT");
    expect(linkCodeCandidates("êfgh-jkl")).toContain("EEFGHJKL");
    // VNI: "a2" → "à", "d9" → "đ".
    expect(linkCodeCandidates("hàm-pqrs")).toContain("HA2MPQRS");
    expect(linkCodeCandidates("hàm-pqrs")).toContain("HAFMPQRS");
    expect(linkCodeCandidates("đabc-def")).toEqual(["DDABCDEF", "D9ABCDEF"]);
    // Two marks on one letter ("aas" → "ấ"); the VNI reading "A61…" holds a 1, which no code has.
    expect(linkCodeCandidates("ấbc-def")).toEqual(["AASBCDEF"]);
    // "ừ" is "uwf" or "wf" in Telex, "u72" in VNI: only spellings of the right length remain.
    expect(linkCodeCandidates("ừ2ab-cd")).toEqual(["UWF2ABCD", "U722ABCD"]);
    expect(linkCodeCandidates("ừ2ab-cde")).toEqual(["WF2ABCDE"]);
  });

  it.each([[""], ["ABCD-EFG"], ["ABCD-EFGHJ"], ["ABCD-EFG0"], ["IOIO-1010"], ["abcd efg?"], ["x".repeat(500)]])(
    "finds nothing in %j",
    (typed) => {
      expect(linkCodeCandidates(typed)).toEqual([]);
    },
  );
});
