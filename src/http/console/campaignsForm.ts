// The campaign form as the browser sends it (urlencoded: a ticked box is "1", several ticked boxes
// of one name an array; the audience part in audienceForm.ts) turned into the campaign input, and
// back into the values the form shows.
import { createHash } from "node:crypto";
import { z } from "zod";
import { campaignInputSchema, type CampaignInput } from "../../features/broadcasts/campaignModel.ts";
import { DEFAULT_SEND_TIME, TRIGGER_KINDS, type CampaignTrigger } from "../../features/broadcasts/campaignTrigger.ts";
import { audienceFields, audienceFormOf, audienceOf } from "./audienceForm.ts";

const box = z
  .string()
  .max(8)
  .optional()
  .transform((v) => v !== undefined && v !== "");
const text = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => v ?? "");

export const campaignFormSchema = z.object({
  intent: z.enum(["preview", "save"]).default("preview"),
  previewed: text(128),
  name: text(200),
  triggerKind: z.enum(TRIGGER_KINDS).default("beforePayout"),
  payoutDays: text(8),
  endDays: text(8),
  monthDay: text(8),
  sendTime: text(8),
  ...audienceFields,
  templateVi: text(4000),
  templateEn: text(4000),
  active: box,
});
export type CampaignForm = z.infer<typeof campaignFormSchema>;

/** The form's values; `issues` lists the fields that do not read (by form field name). */
export function readCampaignForm(form: CampaignForm): { input: CampaignInput | null; issues: string[] } {
  const triggerFor: Record<CampaignForm["triggerKind"], () => unknown> = {
    beforePayout: () => ({ kind: "beforePayout", days: whole(form.payoutDays) }),
    beforeAuthorisationEnd: () => ({ kind: "beforeAuthorisationEnd", days: whole(form.endDays) }),
    dayOfMonth: () => ({ kind: "dayOfMonth", day: whole(form.monthDay) }),
  };
  const candidate = {
    name: form.name,
    trigger: triggerFor[form.triggerKind](),
    audience: audienceOf(form),
    template: { vi: form.templateVi, en: form.templateEn },
    sendTime: form.sendTime || DEFAULT_SEND_TIME,
    active: form.active,
  };
  const parsed = campaignInputSchema.safeParse(candidate);
  if (parsed.success) return { input: parsed.data, issues: [] };
  const issues = parsed.error.issues.map((i) => fieldOf(i.path.map(String), form.triggerKind, i.message));
  return { input: null, issues: [...new Set(issues)] };
}

/** The form values of a stored campaign, for the edit page. */
export function formOf(c: CampaignInput): CampaignForm {
  const t: CampaignTrigger = c.trigger;
  return {
    intent: "preview",
    previewed: "",
    name: c.name,
    triggerKind: t.kind,
    payoutDays: t.kind === "beforePayout" ? String(t.days) : "",
    endDays: t.kind === "beforeAuthorisationEnd" ? String(t.days) : "",
    monthDay: t.kind === "dayOfMonth" ? String(t.day) : "",
    sendTime: c.sendTime,
    ...audienceFormOf(c.audience),
    templateVi: c.template.vi,
    templateEn: c.template.en ?? "",
    active: c.active,
  };
}

export const EMPTY_FORM: CampaignForm = {
  ...formOf({
    name: "",
    trigger: { kind: "beforePayout", days: 3 },
    audience: { communeIds: [] },
    template: { vi: "" },
    sendTime: DEFAULT_SEND_TIME,
    active: true,
  }),
};

/** Fingerprint of what was previewed: saving needs the preview of exactly this content. */
export function contentFingerprint(input: CampaignInput): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("base64url").slice(0, 32);
}

function whole(v: string): number {
  return /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
}

function fieldOf(path: string[], kind: CampaignForm["triggerKind"], message: string): string {
  const [head, sub] = path;
  if (head === "trigger")
    return kind === "beforePayout" ? "payoutDays" : kind === "beforeAuthorisationEnd" ? "endDays" : "monthDay";
  if (head === "audience") return sub === "communeIds" ? "communeIds" : "audience";
  if (head === "template")
    return message === "unknown_variable" ? "unknownVariable" : sub === "en" ? "templateEn" : "templateVi";
  return head ?? "form";
}
