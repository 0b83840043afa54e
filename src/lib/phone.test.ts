import { describe, expect, it } from "vitest";
import { normalisePhone } from "./phone.ts";

describe("normalisePhone", () => {
  it("accepts the forms officers and people type", () => {
    expect(normalisePhone("0912 345 678")).toBe("0912345678");
    expect(normalisePhone("+84912345678")).toBe("0912345678");
    expect(normalisePhone("84 912.345.678")).toBe("0912345678");
    expect(normalisePhone(912345678)).toBe("0912345678");
  });
  it("refuses numbers that are not Vietnamese mobiles", () => {
    expect(normalisePhone("0212345678")).toBeNull();
    expect(normalisePhone("091234567")).toBeNull();
    expect(normalisePhone("09123456789")).toBeNull();
    expect(normalisePhone("abc")).toBeNull();
  });
});
