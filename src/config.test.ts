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

  it("turns two-way SMS on with the inbound secret, and only with a gateway to answer through", () => {
    const gateway = { SMS_GATEWAY_URL: "https://sms.example.vn/send" };
    expect(loadConfig(gateway).sms?.inbound).toBeNull();
    const on = loadConfig({
      ...gateway,
      SMS_INBOUND_SECRET: "s".repeat(32),
      SMS_INBOUND_SIGNATURE_HEADER: "X-Hub-Sig",
    });
    expect(on.sms?.inbound).toEqual({ secret: "s".repeat(32), signatureHeader: "x-hub-sig" });
    expect(() => loadConfig({ SMS_INBOUND_SECRET: "s".repeat(32) })).toThrow(
      /SMS_INBOUND_SECRET needs SMS_GATEWAY_URL/,
    );
    expect(() => loadConfig({ ...gateway, SMS_INBOUND_SECRET: "short" })).toThrow(/SMS_INBOUND_SECRET/);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).database.kind).toBe("pglite");
  });

  it("marks cookies secure behind an https public address", () => {
    expect(loadConfig({ PUBLIC_URL: "https://ansinh.example.vn" }).cookieSecure).toBe(true);
    expect(loadConfig({}).cookieSecure).toBe(false);
  });

  it("reads the keys for personal data, and requires both of them in production", () => {
    const key = Buffer.alloc(32, 1).toString("base64");
    const c = loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEYS: `k2:${key}, k1:${key}`, DATA_HASH_KEY: key });
    expect(c.dataKeys?.encryption.map((k) => k.id)).toEqual(["k2", "k1"]);
    // The key text is not kept where a log line could print it.
    expect(JSON.stringify(c)).not.toContain(key);
    expect(loadConfig({}).dataKeys).toBeNull();
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return "";
      } catch (err) {
        return err instanceof ConfigError ? err.problems.join("\n") : String(err);
      }
    };
    expect(problems({ NODE_ENV: "production" })).toMatch(
      /DATA_ENCRYPTION_KEYS: required in production[\s\S]*DATA_HASH_KEY: required in production/,
    );
    expect(problems({ DATA_ENCRYPTION_KEYS: `k1:${key}` })).toMatch(
      /DATA_HASH_KEY: required with DATA_ENCRYPTION_KEYS/,
    );
    expect(problems({ DATA_ENCRYPTION_KEYS: `k1:${key},k1:${key}`, DATA_HASH_KEY: key })).toMatch(
      /key id k1 appears twice/,
    );
    expect(problems({ DATA_ENCRYPTION_KEYS: key, DATA_HASH_KEY: key })).toMatch(
      /entry 1 must look like keyId:base64key/,
    );
    expect(problems({ DATA_ENCRYPTION_KEYS: `k1:${key}`, DATA_HASH_KEY: "c2hvcnQ=" })).toMatch(
      /DATA_HASH_KEY: must be at least 32 bytes/,
    );
  });
});
