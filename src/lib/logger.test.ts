import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, log: createLogger({ level: "debug", destination }) };
}

describe("logger", () => {
  it("never writes a personal ID, phone number or account number in full", () => {
    const { lines, log } = capture();
    log.info({ personalId: "079145001234", phone: "+84912345678", account: { number: "1234567890123" } }, "linked");
    log.warn("identity check failed for %s with phone %s", "001190012345", "0987654321");
    log.error({ err: new Error("duplicate key 036178009999") }, "import failed");
    const out = lines.join("\n");
    for (const secret of ["079145001234", "912345678", "1234567890123", "001190012345", "0987654321", "036178009999"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("1234"); // the last digits stay, so support can correlate
    expect(out).toContain("import failed");
  });

  it("drops values of secret-looking keys", () => {
    const { lines, log } = capture();
    log.info({ password: "hunter22", accessToken: "abc.def", csrf: "xyz" }, "login");
    const out = lines.join("\n");
    expect(out).not.toContain("hunter22");
    expect(out).not.toContain("abc.def");
    expect(out).not.toContain("xyz");
  });

  it("keeps ordinary numbers and dates readable", () => {
    const { lines, log } = capture();
    log.info({ amount: 1250000, month: "2026-12", count: 42 }, "payout 2026-12-05");
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry.amount).toBe(1250000);
    expect(entry.count).toBe(42);
    expect(entry.msg).toBe("payout 2026-12-05");
  });

  it("writes readable lines for a terminal, masked the same way, with an error's stack below its line", () => {
    const lines: string[] = [];
    const log = createLogger({
      level: "info",
      format: "readable",
      destination: { write: (t: string) => lines.push(t) },
    });
    log.warn({ phone: "0987654321", seed: 20250701 }, "identity check failed");
    log.error({ err: new Error("duplicate key 036178009999") }, "import failed");
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}identity check failed phone=••••••4321 seed=20250701\n$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d ERROR import failed\n {4}Error: duplicate key ••••••••9999\n {4}at /);
    expect(lines.join("")).not.toContain("{");
  });
});
