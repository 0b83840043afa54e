// Every user-facing text lives in locales/<lng>/<namespace>.json; Vietnamese is the default.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type i18n, type TFunction } from "i18next";
import { z } from "zod";
import { appRoot } from "../lib/appRoot.ts";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export const LOCALES_DIR = path.join(appRoot, "locales");

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

const resourceFile = z.record(z.string(), z.unknown());

/** Reads locales/<lng>/*.json into { lng: { namespace: tree } }. */
export function readLocaleResources(
  dir: string = LOCALES_DIR,
): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lng of LOCALES) {
    out[lng] = {};
    for (const file of readdirSync(path.join(dir, lng)).filter((f) => f.endsWith(".json"))) {
      const ns = file.slice(0, -".json".length);
      out[lng][ns] = resourceFile.parse(JSON.parse(readFileSync(path.join(dir, lng, file), "utf8")));
    }
  }
  return out;
}

export type Translator = TFunction;

export interface I18n {
  instance: i18n;
  /** A translator fixed to one locale. */
  t(locale: string): TFunction;
}

export async function createI18n(dir: string = LOCALES_DIR): Promise<I18n> {
  const resources = readLocaleResources(dir);
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources[DEFAULT_LOCALE] ?? {}),
    defaultNS: "common",
    interpolation: { escapeValue: false }, // HTML is escaped by the console's templates
    returnNull: false,
  });
  return {
    instance,
    t: (locale) => instance.getFixedT(isLocale(locale) ? locale : DEFAULT_LOCALE),
  };
}
