// Every text the walkthroughs, the notices, the queue and the form name exists in every language,
// including the ones built from a value (a relation, a kind of account, a problem).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LOCALES, readLocaleResources } from "../../src/core/i18n.ts";
import { ACCOUNT_TYPES, CHECKLIST, RELATIONS } from "../../src/features/requests/requestData.ts";

const FILES = [
  ...["src/features/chat", "src/features/requests"].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => path.join(dir, f)),
  ),
  "src/http/console/views/requestViews.ts",
  "src/http/console/requests.ts",
  "src/http/forms/authorisationForm.ts",
];

const PROBLEMS = [
  "idFormat",
  "idStructure",
  "dob",
  "phoneLast4",
  "name",
  "relation",
  "phone",
  "month",
  "past",
  "tooFar",
  "months",
  "accountLength",
  "accountDigits",
  "accountPhone",
  "holderName",
  "place",
  "deathDate",
];

function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const file of FILES)
    for (const m of readFileSync(file, "utf8").matchAll(/"requests:([A-Za-z.]+)"/g)) if (m[1]) keys.add(m[1]);
  // A namespace prefix written once ("requests:console"), not a text.
  keys.delete("console");
  for (const r of RELATIONS) keys.add(`relation.${r}`);
  for (const t of ACCOUNT_TYPES) keys.add(`account.type.${t}`);
  for (const t of ACCOUNT_TYPES.filter((x) => x !== "CASH"))
    for (const part of ["title", "steps", "bring"]) keys.add(`account.guide.${t}.${part}`);
  for (const c of ["CASH_POINT", "CASH_HOME"]) keys.add(`account.cash.${c}`);
  for (const w of ["phone", "address", "move", "death"]) keys.add(`change.what.${w}`);
  for (const p of PROBLEMS) keys.add(`problem.${p}`);
  for (const [kind, items] of Object.entries(CHECKLIST)) {
    keys.add(`kind.${kind}`);
    for (const i of items) keys.add(`checklist.${i}`);
  }
  for (const s of ["PENDING", "APPROVED", "REJECTED"]) keys.add(`status.${s}`);
  for (const f of ["approved", "rejected", "checklist", "reason", "notPending"]) keys.add(`console.flash.${f}`);
  for (const b of ["editName", "editRelation", "editId", "editPhone", "editTime"]) keys.add(`button.${b}`);
  return [...keys].sort();
}

const strings = z.record(z.string(), z.string());

function lookup(tree: unknown, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? Reflect.get(node, part) : undefined), tree);
}

describe("the texts of requests", () => {
  const resources = readLocaleResources();

  it.each([...LOCALES])("has every text in %s", (locale) => {
    const keys = usedKeys();
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k) => typeof lookup(resources[locale]?.requests, k) !== "string")).toEqual([]);
  });

  it("keeps button labels short enough for a small phone", () => {
    const long = LOCALES.flatMap((l) => {
      const labels = {
        ...strings.parse(lookup(resources[l]?.requests, "button")),
        ...strings.parse(lookup(resources[l]?.requests, "relation")),
      };
      return Object.entries(labels)
        .filter(([, v]) => String(v).length > 30)
        .map(([k]) => `${l}:${k}`);
    });
    expect(long).toEqual([]);
  });
});
