// npm run keys -- generate [--id <keyId>]   fresh key material for the environment
// npm run keys -- status                     stored values not yet under the current keys
// npm run keys -- rotate                     re-encrypt (and re-hash) every value not under them
// npm run keys -- rehash                     the same, named for a change of DATA_HASH_KEY
import { generateKeyMaterial, KEY_ID } from "../db/fieldCipher.ts";
import { countStaleValues, sealStoredValues, type SealCounts } from "../db/sealStoredValues.ts";
import { openDatabase, runCommand } from "./openDatabase.ts";

const USAGE = [
  "Usage: npm run keys -- generate [--id <keyId>]",
  "       npm run keys -- status",
  "       npm run keys -- rotate",
  "       npm run keys -- rehash",
].join("\n");

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "generate") {
    const id =
      rest[0] === "--id"
        ? rest[1]
        : rest[0]?.startsWith("--id=")
          ? rest[0].slice(5)
          : `k${new Date().toISOString().slice(0, 10).replace(/-/g, "")}`;
    if (!id || !KEY_ID.test(id)) {
      console.error(USAGE);
      return 2;
    }
    const material = generateKeyMaterial(id);
    console.log(`DATA_ENCRYPTION_KEYS=${material.DATA_ENCRYPTION_KEYS}`);
    console.log(`DATA_HASH_KEY=${material.DATA_HASH_KEY}`);
    console.error(`To rotate, put the new entry first and keep the old ones: DATA_ENCRYPTION_KEYS=${id}:…,<old id>:…`);
    return 0;
  }
  if (command !== "status" && command !== "rotate" && command !== "rehash") {
    console.error(USAGE);
    return 2;
  }
  return openDatabase(async ({ db, log }) => {
    if (command !== "status") {
      const done = await sealStoredValues(db.prisma, db.cipher, { mode: "all", log });
      console.log(`updated: ${describe(done)}`);
    }
    const left = await countStaleValues(db.prisma, db.cipher);
    console.log(`current encryption key: ${db.cipher.currentKeyId}; hash key: ${db.cipher.hashKeyId}`);
    console.log(`not under the current keys: ${describe(left)}`);
    return 0;
  });
}

function describe(c: SealCounts): string {
  return `${c.beneficiaries} beneficiaries, ${c.relatives} relatives, ${c.accounts} accounts, ${c.requests} requests`;
}

runCommand(main);
