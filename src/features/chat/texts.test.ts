import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LOCALES, readLocaleResources } from "../../core/i18n.ts";

const labels = z.record(z.string(), z.string());
const here = path.dirname(fileURLToPath(import.meta.url));

/** Every "chat:..." key the bot's code names literally, plus the ones it builds from enums. */
function usedKeys(): string[] {
  const keys = new Set<string>();
  // Every flow's folder too (flows/<name>/…).
  for (const file of readdirSync(here, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  )) {
    for (const m of readFileSync(path.join(here, file), "utf8").matchAll(/"chat:([A-Za-z.]+)"/g))
      if (m[1]) keys.add(m[1]);
  }
  for (const p of ["BTXH", "NCC"]) keys.add(`programme.${p}`);
  for (const s of ["ACTIVE", "SUSPENDED", "ENDED", "DECEASED"]) keys.add(`status.${s}`);
  return [...keys].sort();
}

function lookup(tree: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? Reflect.get(node, part) : undefined), tree);
}

describe("the bot's texts", () => {
  const resources = readLocaleResources();

  it.each([...LOCALES])("has every text the bot says in %s", (locale) => {
    const missing = usedKeys().filter((k) => typeof lookup(resources[locale]?.chat, k) !== "string");
    expect(missing).toEqual([]);
  });

  it("keeps button labels short enough for a small phone", () => {
    const long = LOCALES.flatMap((l) =>
      Object.entries(labels.parse(resources[l]?.chat?.button))
        .filter(([, v]) => v.length > 30)
        .map(([k]) => `${l}:${k}`),
    );
    expect(long).toEqual([]);
  });
});
