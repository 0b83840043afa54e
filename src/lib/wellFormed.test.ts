import { describe, expect, it } from "vitest";
import { hasHostileText, hasLoneSurrogate, wellFormedReviver } from "./wellFormed.ts";

describe("text no database stores", () => {
  it("finds lone surrogates, not the pairs that make emoji", () => {
    expect(hasLoneSurrogate("a\ud800b")).toBe(true);
    expect(hasLoneSurrogate("\udc00")).toBe(true);
    expect(hasLoneSurrogate("xin chào 😀 Bà Đào")).toBe(false);
  });

  it("finds NUL and lone surrogates in keys and values of nested bodies", () => {
    expect(hasHostileText({ a: [{ b: "x\u0000" }] })).toBe(true);
    expect(hasHostileText({ ["k\ud800"]: 1 })).toBe(true);
    expect(hasHostileText({ a: ["tiếng Việt", 1, null, { b: "😀" }] })).toBe(false);
  });

  it("makes JSON with a lone surrogate a syntax error, and leaves other JSON alone", () => {
    expect(() => JSON.parse('{"text":"\\ud800"}', wellFormedReviver)).toThrow(SyntaxError);
    expect(JSON.parse('{"text":"\\ud83d\\ude00","n":[1]}', wellFormedReviver)).toEqual({ text: "😀", n: [1] });
  });
});
