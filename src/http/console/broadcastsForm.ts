// The new-broadcast form as posted by the browser, turned into the audience (audienceForm.ts), the
// texts and the send time. The send time is typed in Vietnam time.
import { z } from "zod";
import { TEMPLATE_MAX_CHARS, unknownVariables, type Template } from "../../features/broadcasts/template.ts";
import { vietnamTime } from "../../delivery/quietHours.ts";
import { audienceFields } from "./audienceForm.ts";

export const broadcastForm = z.object({
  title: z.string().trim().max(200).default(""),
  ...audienceFields,
  textVi: z
    .string()
    .max(TEMPLATE_MAX_CHARS * 2)
    .default(""),
  textEn: z
    .string()
    .max(TEMPLATE_MAX_CHARS * 2)
    .default(""),
  when: z.enum(["now", "later"]).default("now"),
  sendAt: z.string().max(20).default(""),
  action: z.enum(["preview", "create"]).default("preview"),
});
export type BroadcastForm = z.infer<typeof broadcastForm>;

/** What is wrong with the form, as keys of broadcasts:console.problem; empty when it can be used. */
export function formProblems(f: BroadcastForm, now: Date): string[] {
  const problems: string[] = [];
  if (!f.title) problems.push("title");
  if (f.communeIds.length === 0) problems.push("communes");
  if (!f.textVi.trim()) problems.push("textVi");
  if (f.textVi.trim().length > TEMPLATE_MAX_CHARS || f.textEn.trim().length > TEMPLATE_MAX_CHARS)
    problems.push("tooLong");
  if (unknownVariables(f.textVi).length > 0 || unknownVariables(f.textEn).length > 0) problems.push("variable");
  if (f.when === "later") {
    const at = sendTime(f);
    if (!at) problems.push("sendAt");
    else if (at.getTime() < now.getTime() - 60_000) problems.push("sendAtPast");
  }
  return problems;
}

export function formTemplate(f: BroadcastForm): Template {
  const en = f.textEn.trim();
  return en ? { vi: f.textVi.trim(), en } : { vi: f.textVi.trim() };
}

/** The chosen send time ("2026-12-05T08:30" in Vietnam time), or null for "now" or a bad value. */
export function sendTime(f: BroadcastForm): Date | null {
  if (f.when !== "later") return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(f.sendAt);
  if (!m) return null;
  const at = vietnamTime(m[1]!, m[2]!);
  return Number.isNaN(at.getTime()) ? null : at;
}
