// Where the keys for personal data come from. In production: DATA_ENCRYPTION_KEYS and
// DATA_HASH_KEY, required (config.ts refuses to start without them). Tests (NODE_ENV=test): fixed
// test keys. Elsewhere (the quick start on a laptop), keys generated on first start and kept in
// DATA_DIR/data-keys.json, readable by the service's user only: losing that file makes the stored
// IDs and account numbers unreadable, so it is backed up with the data folder.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { parseDataKeys, type Config } from "../config.ts";
import type { Logger } from "../lib/logger.ts";
import { generateKeyMaterial, TEST_DATA_KEYS, type DataKeys } from "./fieldCipher.ts";

export const KEY_FILE = "data-keys.json";
const keyFile = z.object({ DATA_ENCRYPTION_KEYS: z.string(), DATA_HASH_KEY: z.string() });

export async function resolveDataKeys(
  config: Pick<Config, "dataKeys" | "NODE_ENV" | "dataDir">,
  log?: Logger,
): Promise<DataKeys> {
  if (config.dataKeys) return config.dataKeys;
  if (config.NODE_ENV === "test") return TEST_DATA_KEYS;
  const file = path.join(config.dataDir, KEY_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if (!isMissing(err)) throw err;
    await mkdir(config.dataDir, { recursive: true });
    const material = generateKeyMaterial("local1");
    try {
      // "wx": two processes starting together on a fresh folder keep the first one's keys.
      await writeFile(file, `${JSON.stringify(material, null, 2)}\n`, { mode: 0o600, flag: "wx" });
      log?.warn({ file }, "generated keys for personal data; set DATA_ENCRYPTION_KEYS and DATA_HASH_KEY in production");
    } catch (writeErr) {
      if (!isExisting(writeErr)) throw writeErr;
    }
    text = await readFile(file, "utf8");
  }
  await chmod(file, 0o600).catch(() => {});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  const parsed = keyFile.safeParse(json);
  if (!parsed.success) throw new Error(`${file} must hold DATA_ENCRYPTION_KEYS and DATA_HASH_KEY`);
  const keys = parseDataKeys({ NODE_ENV: config.NODE_ENV, ...parsed.data });
  if (!keys) throw new Error(`${file} holds no keys`);
  return keys;
}

function isMissing(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "ENOENT";
}

function isExisting(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "EEXIST";
}
