import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { loadPolicy, loadPolicySeed } from "../../src/features/policy/loadPolicy.ts";

const dataDir = fileURLToPath(new URL("../../src/features/policy/data", import.meta.url));
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function editedCopy(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "policy-"));
  temps.push(dir);
  await cp(dataDir, dir, { recursive: true });
  await writeFile(path.join(dir, file), edit(await readFile(path.join(dir, file), "utf8")));
  return dir;
}

describe("the policy files shipped with the service", () => {
  it("hold the dated base levels, the 2026 levels confirmed with their decrees and back-pay dates", async () => {
    const policy = await loadPolicy();
    const levels = policy.baseLevels.map((l) => [
      l.programme,
      l.effectiveFrom,
      l.amount,
      l.confirmed,
      l.legalBasis,
      l.appliedFrom,
    ]);
    expect(levels).toEqual([
      ["BTXH", "2021-07-01", 360_000, true, "Nghị định 20/2021/NĐ-CP", null],
      ["BTXH", "2024-07-01", 500_000, true, "Nghị định 76/2024/NĐ-CP", null],
      ["BTXH", "2026-07-01", 540_000, true, "Nghị định 335/2026/NĐ-CP", "2026-10-05"],
      ["NCC", "2023-07-01", 2_055_000, true, "Nghị định 55/2023/NĐ-CP", null],
      ["NCC", "2024-07-01", 2_789_000, true, "Nghị định 77/2024/NĐ-CP", null],
      ["NCC", "2026-07-01", 3_012_000, true, "Nghị định 321/2026/NĐ-CP", "2026-10-01"],
    ]);
  });

  it("end-date the two categories Decree 176/2025 repealed and keep every existing code", async () => {
    const policy = await loadPolicy();
    const repealed = policy.categories
      .filter((c) => c.effectiveTo !== null)
      .map((c) => [c.code, c.effectiveTo, c.repeal?.replacedBy]);
    expect(repealed).toEqual([
      ["BTXH_OLD_75_80_HARD_AREA", "2025-06-30", "SOCIAL_PENSION"],
      ["BTXH_OLD_80_NO_PENSION", "2025-06-30", "SOCIAL_PENSION"],
    ]);
    const codes = policy.categories.map((c) => c.code);
    for (const code of [
      "BTXH_SEVERE_DISABILITY_ADULT",
      "SOCIAL_PENSION",
      "NCC_MARTYR_RELATIVE_1",
      "NCC_WAR_INVALID",
      "NCC_HEROIC_MOTHER_SUPPLEMENT",
    ]) {
      expect(codes).toContain(code);
    }
  });

  it("ship the demo province's fictional resolution with its key", async () => {
    const seed = await loadPolicySeed();
    expect(seed.resolutions.map((r) => [r.key, r.provinceCode, r.categoryCode, r.amount, r.effectiveFrom])).toEqual([
      ["A01-social-pension-2026", "A01", "SOCIAL_PENSION", 600_000, "2026-01-01"],
    ]);
  });

  it("refuse a file with a mistake and name the file", async () => {
    const dir = await editedCopy("categories.json", (t) => t.replace('"coefficient": 2.5', '"coefficient": "2,5"'));
    await expect(loadPolicy(dir)).rejects.toThrow(/categories\.json/);
  });

  it("refuse a category that includes an unknown code", async () => {
    const dir = await editedCopy("categories.json", (t) =>
      t.replace('"NCC_HEROIC_MOTHER_SUPPLEMENT"\n', '"NCC_NO_SUCH"\n'),
    );
    await expect(loadPolicy(dir)).rejects.toThrow(/NCC_NO_SUCH/);
  });

  it("refuse a coefficient row on a fixed-sum category", async () => {
    const dir = await editedCopy("categories.json", (t) => t.replace('"amount": 500000,', '"coefficient": 1,'));
    await expect(loadPolicy(dir)).rejects.toThrow(/SOCIAL_PENSION/);
  });
});
