// Turns a Reply into the words of one language: the only place money and dates are formatted for
// people (architecture rule 9). Channel adapters lay the result out for their platform.
import type { TFunction } from "i18next";
import { formatDate, formatVnd } from "../lib/format.ts";
import type { Reply, TextParam, TextRef } from "./reply.ts";

export interface RenderedReply {
  text: string;
  buttons: { label: string; data: string; url?: string }[][];
  /**
   * A message that is not part of the conversation's current question (a payout notice, a
   * broadcast): a page shows its buttons under it and keeps the question's buttons where they are.
   */
  standalone?: boolean;
}

export function renderReply(t: TFunction, locale: string, reply: Reply): RenderedReply {
  return {
    text: reply.text.map((p) => renderText(t, locale, p)).join("\n\n"),
    buttons: (reply.buttons ?? []).map((row) =>
      row.map((b) => ({ label: renderText(t, locale, b.label), data: b.data, ...(b.url ? { url: b.url } : {}) })),
    ),
  };
}

export function renderText(t: TFunction, locale: string, text: TextRef): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(text.params ?? {})) params[k] = renderParam(t, locale, v);
  return t(text.key, params);
}

/** One parameter as people read it: money and dates formatted for the locale. */
export function renderParam(t: TFunction, locale: string, v: TextParam): string | number {
  if (typeof v === "string" || typeof v === "number") return v;
  if ("vnd" in v) return formatVnd(v.vnd, locale);
  if ("date" in v) return formatDate(v.date);
  if ("decimal" in v) return locale === "en" ? String(v.decimal) : String(v.decimal).replace(".", ",");
  return t(v.key);
}
