import { describe, expect, it } from "vitest";
import { addressBucket } from "./clientAddress.ts";

describe("client address buckets", () => {
  it("counts IPv4 addresses one by one, also when written IPv4-mapped", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("203.0.113.8")).not.toBe(addressBucket("203.0.113.7"));
  });

  it("counts an IPv6 client by its /64, however the address is written", () => {
    const a = addressBucket("2001:db8:0:12::1");
    expect(a).toBe("2001:db8:0:12::/64");
    expect(addressBucket("2001:0DB8:0000:0012:ffff:1:2:3")).toBe(a);
    expect(addressBucket("2001:db8:0:13::1")).not.toBe(a);
  });

  it("puts a missing address in one bucket", () => {
    expect(addressBucket(null)).toBe(addressBucket(undefined));
  });
});
