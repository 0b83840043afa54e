// What an officer sees before sending: how many people the audience holds, whether a second
// officer must approve, and the text in both languages as one real person of the audience would
// get it. The sample's phone is masked; their name is shown, as on every page of the area.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { audienceMemberIds, type Audience } from "./audience.ts";
import { loadRouteFacts, routeFor } from "./route.ts";
import { renderTemplate, templateVarsFor, textLocale, type Template } from "./template.ts";

export interface BroadcastPreview {
  count: number;
  needsApproval: boolean;
  sample: {
    name: string;
    communeName: string;
    maskedPhone: string | null;
    /** TELEGRAM, ZALO, WEB, PHONE, or null when nothing reaches them. */
    channel: string | null;
  } | null;
  vi: string;
  en: string;
  /** No English text was written: English readers get the Vietnamese one. */
  enFromVi: boolean;
}

export async function previewBroadcast(
  db: PrismaClient,
  input: { audience: Audience; template: Template; today: CalendarDate; approvalThreshold: number },
): Promise<BroadcastPreview> {
  const ids = await audienceMemberIds(db, input.audience, { today: input.today });
  const enText = input.template.en ?? input.template.vi;
  // The first member who can be reached, so the preview shows a real message; else the first.
  const candidates = ids.slice(0, 50);
  const facts = await loadRouteFacts(db, candidates);
  const routed = candidates.map((id) => ({
    id,
    route: facts.get(id) ? routeFor(facts.get(id)!, input.today, "SMS") : null,
  }));
  const pick = routed.find((r) => r.route?.kind === "chat" || r.route?.kind === "phone") ?? routed[0];
  let sample: BroadcastPreview["sample"] = null;
  let vi = input.template.vi;
  let en = enText;
  if (pick) {
    const [varsVi, varsEn, person] = await Promise.all([
      templateVarsFor(db, [pick.id], "vi", input.today),
      templateVarsFor(db, [pick.id], textLocale(input.template, "en"), input.today),
      db.beneficiary.findUniqueOrThrow({
        where: { id: pick.id },
        select: { fullName: true, phone: true, commune: { select: { name: true } } },
      }),
    ]);
    const v = varsVi.get(pick.id);
    const e = varsEn.get(pick.id);
    if (v) vi = renderTemplate(input.template.vi, v);
    if (e) en = renderTemplate(enText, e);
    const r = pick.route;
    sample = {
      name: person.fullName,
      communeName: person.commune.name,
      maskedPhone: person.phone ? mask(person.phone) : null,
      channel: r?.kind === "chat" ? r.channel : r?.kind === "phone" ? "PHONE" : null,
    };
  }
  return {
    count: ids.length,
    needsApproval: ids.length > input.approvalThreshold,
    sample,
    vi,
    en,
    enFromVi: !input.template.en,
  };
}
