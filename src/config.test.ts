import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("starts on the embedded database with no settings at all", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.database.kind).toBe("pglite");
    expect(c.dataDir.endsWith("data")).toBe(true);
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const c = loadConfig({ DATABASE_URL: "postgresql://u@127.0.0.1:5432/x" });
    expect(c.database).toEqual({ kind: "postgres", url: "postgresql://u@127.0.0.1:5432/x" });
  });

  it("names every bad variable at once", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", LOGIN_MAX_FAILURES: "0" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = String(err instanceof Error ? err.message : err);
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/LOGIN_MAX_FAILURES/);
    }
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).database.kind).toBe("pglite");
  });

  it("marks cookies secure behind an https public address", () => {
    expect(loadConfig({ PUBLIC_URL: "https://ansinh.example.vn" }).cookieSecure).toBe(true);
    expect(loadConfig({}).cookieSecure).toBe(false);
  });
});
