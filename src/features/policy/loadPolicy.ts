// Reads the policy files (base levels, categories, rate tables) and checks them, so a mistake in an
// officer's edit stops the start with a message naming the file, not a wrong payout later.
import { access, readFile } from "node:fs/promises";
import { appRoot } from "../../lib/appRoot.ts";
import path from "node:path";
import { z } from "zod";
import {
  baseLevelsFileSchema,
  categoriesFileSchema,
  policySchema,
  rateTablesFileSchema,
  type Policy,
} from "./policySchema.ts";

export type { Policy } from "./policySchema.ts";

export class PolicyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyFileError";
  }
}

/** Loads the policy from `dir` (default: the data folder shipped with the service). */
export async function loadPolicy(dir?: string): Promise<Policy> {
  const folder = dir ?? (await defaultPolicyDir());
  const [levels, categories, rateTables] = await Promise.all([
    readJson(folder, "base-levels.json", baseLevelsFileSchema),
    readJson(folder, "categories.json", categoriesFileSchema),
    readJson(folder, "rate-tables.json", rateTablesFileSchema),
  ]);
  const result = policySchema.safeParse({
    baseLevels: levels.baseLevels,
    categories: categories.categories,
    rateTables: rateTables.rateTables,
  });
  if (!result.success) throw new PolicyFileError(`policy files in ${folder}: ${z.prettifyError(result.error)}`);
  return result.data;
}

async function readJson<T>(folder: string, name: string, schema: z.ZodType<T>): Promise<T> {
  const file = path.join(folder, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new PolicyFileError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new PolicyFileError(`${file}: ${z.prettifyError(result.error)}`);
  return result.data;
}

// One copy of the data, in the source tree, whether the service runs from src/ or from dist/.
async function defaultPolicyDir(): Promise<string> {
  const dir = path.join(appRoot, "src", "features", "policy", "data");
  if (await access(path.join(dir, "categories.json")).then(() => true, () => false)) return dir;
  throw new PolicyFileError(`policy data folder not found (looked in ${dir})`);
}
