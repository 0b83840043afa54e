import { describe, expect, it } from "vitest";
import { LOCALES, readLocaleResources } from "../src/core/i18n.ts";

/** Flattens a locale tree into [dotted key, text] pairs. */
function entries(tree: unknown, prefix = ""): [string, unknown][] {
  if (typeof tree !== "object" || tree === null) return [[prefix, tree]];
  return Object.entries(tree).flatMap(([k, v]) => entries(v, prefix ? `${prefix}.${k}` : k));
}

describe("locales", () => {
  const resources = readLocaleResources();
  const namespaces = [...new Set(LOCALES.flatMap((l) => Object.keys(resources[l] ?? {})))];

  it.each(namespaces)("namespace %s has the same keys in every language", (ns) => {
    const byLocale = LOCALES.map((l) => ({ l, keys: new Set(entries(resources[l]?.[ns] ?? {}).map(([k]) => k)) }));
    const all = new Set(byLocale.flatMap((b) => [...b.keys]));
    const missing = byLocale.flatMap((b) => [...all].filter((k) => !b.keys.has(k)).map((k) => `${b.l}: ${ns}:${k}`));
    expect(missing).toEqual([]);
  });

  it("has no empty texts", () => {
    const empty = LOCALES.flatMap((l) =>
      Object.entries(resources[l] ?? {}).flatMap(([ns, tree]) =>
        entries(tree)
          .filter(([, v]) => typeof v !== "string" || v.trim() === "")
          .map(([k]) => `${l}/${ns}:${k}`),
      ),
    );
    expect(empty).toEqual([]);
  });
});
