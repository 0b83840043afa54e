import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LOCALES, readLocaleResources } from "../../core/i18n.ts";
import { PayoutStatus } from "../../generated/prisma/enums.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every "payouts:..." key named in the payout answers and the chat, plus the statuses. */
function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const dir of [here, path.join(here, "../chat")]) {
    for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
    )) {
      for (const m of readFileSync(path.join(dir, file), "utf8").matchAll(/"payouts:([A-Za-z.]+)"/g))
        if (m[1]) keys.add(m[1]);
    }
  }
  for (const s of Object.values(PayoutStatus)) keys.add(`status.${s}`);
  return [...keys].sort();
}

function lookup(tree: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? Reflect.get(node, part) : undefined), tree);
}

describe("the payout answers' texts", () => {
  const resources = readLocaleResources();

  it("finds the keys it checks", () => {
    expect(usedKeys()).toContain("next.cashDate");
  });

  it.each([...LOCALES])("has every payout text in %s", (locale) => {
    const missing = usedKeys().filter((k) => typeof lookup(resources[locale]?.payouts, k) !== "string");
    expect(missing).toEqual([]);
  });
});
