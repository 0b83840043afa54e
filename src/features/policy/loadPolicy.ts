// Reads the policy files shipped with the service (base levels, categories, rate tables,
// provincial resolutions) and checks them, so a mistake stops the start with a message naming
// the file. The files seed the database; the service itself prices from the database.
import { access, readFile } from "node:fs/promises";
import { appRoot } from "../../lib/appRoot.ts";
import path from "node:path";
import { z } from "zod";
import {
  baseLevelsFileSchema,
  categoriesFileSchema,
  policySchema,
  rateTablesFileSchema,
  resolutionsFileSchema,
  type Policy,
  type Resolution,
} from "./policySchema.ts";

export type { Policy } from "./policySchema.ts";

export class PolicyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyFileError";
  }
}

/** The files as a seed: the policy, and each resolution with the key that identifies it. */
export interface PolicySeed {
  policy: Policy;
  resolutions: (Resolution & { key: string })[];
}

/** Loads the policy from `dir` (default: the data folder shipped with the service). */
export async function loadPolicy(dir?: string): Promise<Policy> {
  return (await loadPolicySeed(dir)).policy;
}

export async function loadPolicySeed(dir?: string): Promise<PolicySeed> {
  const folder = dir ?? (await defaultPolicyDir());
  const [levels, categories, rateTables, resolutions] = await Promise.all([
    readJson(folder, "base-levels.json", baseLevelsFileSchema),
    readJson(folder, "categories.json", categoriesFileSchema),
    readJson(folder, "rate-tables.json", rateTablesFileSchema),
    readJson(folder, "resolutions.json", resolutionsFileSchema, { resolutions: [] }),
  ]);
  const result = policySchema.safeParse({
    baseLevels: levels.baseLevels,
    categories: categories.categories,
    rateTables: rateTables.rateTables,
    resolutions: resolutions.resolutions.map(({ key: _key, ...r }) => r),
  });
  if (!result.success) throw new PolicyFileError(`policy files in ${folder}: ${z.prettifyError(result.error)}`);
  return { policy: result.data, resolutions: resolutions.resolutions };
}

async function readJson<T>(folder: string, name: string, schema: z.ZodType<T>, whenMissing?: T): Promise<T> {
  const file = path.join(folder, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    if (whenMissing !== undefined && err instanceof Error && "code" in err && err.code === "ENOENT") return whenMissing;
    throw new PolicyFileError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new PolicyFileError(`${file}: ${z.prettifyError(result.error)}`);
  return result.data;
}

// One copy of the data, in the source tree, whether the service runs from src/ or from dist/.
async function defaultPolicyDir(): Promise<string> {
  const dir = path.join(appRoot, "src", "features", "policy", "data");
  if (
    await access(path.join(dir, "categories.json")).then(
      () => true,
      () => false,
    )
  )
    return dir;
  throw new PolicyFileError(`policy data folder not found (looked in ${dir})`);
}
