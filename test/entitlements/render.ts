// Renders replies the way a channel would, so tests read what the person reads.
import { createI18n, type I18n } from "../../src/core/i18n.ts";
import { renderReply } from "../../src/core/renderReply.ts";
import type { Reply, TextRef } from "../../src/core/reply.ts";

let i18n: Promise<I18n> | undefined;

/** Every message of the replies in one language, one message per entry. */
export async function rendered(replies: Reply[], locale: "vi" | "en" = "vi"): Promise<string[]> {
  i18n ??= createI18n();
  const t = (await i18n).t(locale);
  return replies.map((r) => renderReply(t, locale, r).text);
}

/** Keys used by the replies (texts, buttons and nested texts) that a language does not have. */
export async function missingKeys(replies: Reply[]): Promise<string[]> {
  i18n ??= createI18n();
  const { instance } = await i18n;
  const refs: TextRef[] = replies.flatMap((r) => [...r.text, ...(r.buttons ?? []).flat().map((b) => b.label)]);
  const keys = refs.flatMap((ref) => [
    ref.key,
    ...Object.values(ref.params ?? {}).flatMap((p) => (typeof p === "object" && "key" in p ? [p.key] : [])),
  ]);
  return ["vi", "en"].flatMap((lng) =>
    keys.filter((k) => !instance.exists(k, { lng, fallbackLng: false })).map((k) => `${lng}: ${k}`),
  );
}
