// The operator's side of encryption at rest: keys from the environment, refused when missing in
// production, and the `keys` command that rotates them on a real data folder.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createDatabase } from "../../src/db/database.ts";
import type { DataKeys } from "../../src/db/fieldCipher.ts";
import { numbersInClear } from "../helpers/storedText.ts";

const run = promisify(execFile);
const BASE_ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

async function node(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script, ...args], {
      env: { ...BASE_ENV, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    // execFile's error carries the exit code and what the process printed.
    const field = (k: string): unknown => (err !== null && typeof err === "object" ? Reflect.get(err, k) : undefined);
    const text = (k: string) => String(field(k) ?? "");
    const code = field("code");
    return { code: typeof code === "number" ? code : -1, stdout: text("stdout"), stderr: text("stderr") };
  }
}

const b64 = (b: Buffer) => b.toString("base64");

describe("keys for personal data", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "ansinh-keys-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses to start in production without keys, or with a wrong one, saying which and how to make them", async () => {
    const missing = await node("src/main.ts", [], { NODE_ENV: "production", DATA_DIR: dataDir, PORT: "0" });
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain(
      "DATA_ENCRYPTION_KEYS: required in production (npm run keys -- generate prints new ones)",
    );
    expect(missing.stderr).toContain("DATA_HASH_KEY: required in production");

    const short = await node("src/main.ts", [], {
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      PORT: "0",
      DATA_ENCRYPTION_KEYS: "k1:c2hvcnQ=",
      DATA_HASH_KEY: b64(randomBytes(32)),
    });
    expect(short.code).toBe(78);
    expect(short.stderr).toContain("DATA_ENCRYPTION_KEYS: key k1 must be 32 bytes in base64");
    expect(short.stderr).not.toContain("c2hvcnQ");
  });

  it("prints fresh key material the configuration accepts", async () => {
    const out = await node("src/cli/keys.ts", ["generate", "--id", "k2027"], {});
    expect(out.code).toBe(0);
    const env = Object.fromEntries(
      out.stdout
        .trim()
        .split("\n")
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    const config = loadConfig({ NODE_ENV: "production", ...env });
    expect(config.dataKeys?.encryption.map((k) => k.id)).toEqual(["k2027"]);
    expect(JSON.stringify(config)).not.toContain(env.DATA_HASH_KEY);
  });

  it("`npm run keys -- rotate` re-encrypts a data folder under the new key, after which the old key can go", async () => {
    const old = { id: "old", key: randomBytes(32) };
    const fresh = { id: "new", key: randomBytes(32) };
    const hash = randomBytes(32);
    const before: DataKeys = { encryption: [old], hash };
    const db = await createDatabase({ kind: "pglite", dataDir }, undefined, before);
    await db.migrate();
    const province = await db.prisma.province.create({ data: { code: "92", name: "Tỉnh Khóa" } });
    const commune = await db.prisma.commune.create({
      data: { code: "92001", name: "Xã Khóa", provinceId: province.id },
    });
    await db.prisma.beneficiary.create({
      data: {
        personalId: "001045000111",
        personalIdLast4: "0111",
        fullName: "Phạm Văn Khóa",
        fullNameAscii: "pham van khoa",
        dateOfBirth: new Date("1945-01-01"),
        sex: "MALE",
        communeId: commune.id,
        programme: "BTXH",
      },
    });
    await db.close();

    const env = {
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      DATA_ENCRYPTION_KEYS: `${fresh.id}:${b64(fresh.key)},${old.id}:${b64(old.key)}`,
      DATA_HASH_KEY: b64(hash),
    };
    const rotated = await node("src/cli/keys.ts", ["rotate"], env);
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain("updated: 1 beneficiaries, 0 relatives, 0 accounts, 0 requests");
    expect(rotated.stdout).toContain(
      "not under the current keys: 0 beneficiaries, 0 relatives, 0 accounts, 0 requests",
    );

    const after = await createDatabase({ kind: "pglite", dataDir }, undefined, { encryption: [fresh], hash });
    try {
      expect(await numbersInClear(after.prisma, ["001045000111"])).toEqual([]);
      const person = await after.prisma.beneficiary.findFirstOrThrow({ where: { personalId: "001045000111" } });
      expect(person.fullName).toBe("Phạm Văn Khóa");
      const raw = await after.prisma.$queryRawUnsafe<{ v: string }[]>(`SELECT "personalId" AS v FROM "Beneficiary"`);
      expect(raw[0]?.v.startsWith("enc:v1:new:")).toBe(true);
    } finally {
      await after.close();
    }
  }, 180_000);
});
