// How the bot names and addresses people. The person typing is "Bác" when they are the
// beneficiary (or nobody knows yet), and "anh/chị" when they chat for a relative: texts a relative
// sees have a "_relative" variant (i18next context), picked for every reply of a chat whose
// selected person is represented (see voice.ts). The beneficiary is named with an honorific and
// their given name — "bác Phượng" — the way a polite younger person speaks of an elder.
import { say, type TextParam, type TextRef } from "../../core/reply.ts";
import type { ChatContext, LinkedPerson } from "../../conversation/brain.ts";

export interface Named {
  fullName: string;
  sex?: "MALE" | "FEMALE";
}

export function activePerson(ctx: ChatContext): LinkedPerson | null {
  return ctx.links.find((l) => l.beneficiaryId === ctx.activeBeneficiaryId) ?? null;
}

/** The active person as the flows keep them in their state. */
export function personOf(p: LinkedPerson): { beneficiaryId: string; fullName: string; sex?: "MALE" | "FEMALE" } {
  return { beneficiaryId: p.beneficiaryId, fullName: p.fullName, ...(p.sex ? { sex: p.sex } : {}) };
}

/** "ông" / "bà" before a full name (Mr / Ms in English), for telling which record it is. */
export function title(sex: "MALE" | "FEMALE" | undefined): { key: string } {
  return { key: sex === "MALE" ? "chat:title.male" : sex === "FEMALE" ? "chat:title.female" : "chat:title.unknown" };
}

/** `{ title, name }` with the full name: "bà Nguyễn Thị Phượng". */
export function fullNameParams(p: Named): { title: TextParam; name: string } {
  return { title: title(p.sex), name: p.fullName };
}

/** `{ title, name }` with the honorific and the given name: "bác Phượng" (Ms Phượng in English). */
export function elderParams(p: Named): { title: TextParam; name: string } {
  const given = p.fullName.trim().split(/\s+/).at(-1) ?? p.fullName;
  const key = p.sex === "MALE" ? "chat:elder.male" : p.sex === "FEMALE" ? "chat:elder.female" : "chat:elder.unknown";
  return { title: { key }, name: given };
}

/** Who to reach when the bot cannot help: the configured hotline, or else the commune office. */
export function contact(ctx: ChatContext): TextRef {
  const { hotlinePhone, hotlineHours } = ctx.settings;
  if (!hotlinePhone) return say("chat:contact.commune");
  return hotlineHours
    ? say("chat:contact.hotlineHours", { phone: hotlinePhone, hours: hotlineHours })
    : say("chat:contact.hotline", { phone: hotlinePhone });
}
