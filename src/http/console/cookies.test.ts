import { describe, expect, it } from "vitest";
import { parseCookies } from "./cookies.ts";

describe("parseCookies", () => {
  it("reads names and decoded values, first one wins", () => {
    const c = parseCookies('a=1; asb_session=abc%2Fdef; b="q"; a=2; broken; =x; bad=%E0%A4%A');
    expect(c.get("a")).toBe("1");
    expect(c.get("asb_session")).toBe("abc/def");
    expect(c.get("b")).toBe("q");
    expect(c.has("broken")).toBe(false);
    expect(c.has("bad")).toBe(false);
    expect(parseCookies(undefined).size).toBe(0);
  });
});
