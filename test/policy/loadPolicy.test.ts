import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/features/policy/loadPolicy.ts";

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

describe("policy files", () => {
  it("hold the dated base levels, with the reported 2026 levels flagged unconfirmed", async () => {
    const policy = await loadPolicy();
    const levels = policy.baseLevels.map((l) => [l.programme, l.effectiveFrom, l.amount, l.confirmed]);
    expect(levels).toEqual(
      expect.arrayContaining([
        ["BTXH", "2021-07-01", 360_000, true],
        ["BTXH", "2024-07-01", 500_000, true],
        ["BTXH", "2026-07-01", 540_000, false],
        ["NCC", "2023-07-01", 2_055_000, true],
        ["NCC", "2024-07-01", 2_789_000, true],
        ["NCC", "2026-07-01", 3_012_000, false],
      ]),
    );
    const warInvalid = policy.rateTables.find((t) => t.code === "NCC_WAR_INVALID");
    expect(warInvalid?.complete).toBe(false);
  });

  it("an officer's edit takes effect without code changes", async () => {
    const dir = await editedCopy("base-levels.json", (t) => t.replace('"amount": 540000,\n      "effectiveFrom": "2026-07-01",\n      "legalBasis": "Chưa xác nhận: theo báo cáo về nghị định mới",\n      "source": "Report of a new decree; not confirmed",\n      "confirmed": false', '"amount": 540000,\n      "effectiveFrom": "2026-07-01",\n      "legalBasis": "Nghị định mới",\n      "source": "Published",\n      "confirmed": true'));
    const policy = await loadPolicy(dir);
    expect(policy.baseLevels.find((l) => l.amount === 540_000)?.confirmed).toBe(true);
  });

  it("refuses a file with a mistake and names the file", async () => {
    const dir = await editedCopy("categories.json", (t) => t.replace('"coefficient": 2.5', '"coefficient": "2,5"'));
    await expect(loadPolicy(dir)).rejects.toThrow(/categories\.json/);
  });

  it("refuses a category that includes an unknown code", async () => {
    const dir = await editedCopy("categories.json", (t) => t.replace('"NCC_HEROIC_MOTHER_SUPPLEMENT"\n', '"NCC_NO_SUCH"\n'));
    await expect(loadPolicy(dir)).rejects.toThrow(/NCC_NO_SUCH/);
  });
});
