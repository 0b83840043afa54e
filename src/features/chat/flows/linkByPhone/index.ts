// Linking a feature phone by the number on record. An SMS comes from its number (the carrier puts
// it there, and the gateway's signature vouches for the post), so a code sent back to that same
// number would prove nothing the message itself has not: whoever holds the phone reads it. What a
// number does not prove is that its holder is still the person on record: numbers are recycled by
// the carriers after months without use, and records keep old numbers. So the person is asked for
// something the holder of a recycled number does not know: the beneficiary's year of birth. The
// question names the record only by its initials, so a stranger learns next to nothing, and the
// answers count against the same failure limit as every other identity check (identityChecks.ts).
// Answering is also the consent to see the record by SMS, which the question says (Law 91/2025).
// Matched records: the beneficiary whose own phone it is (linked as themself), or a beneficiary
// whose authorised relative's phone it is, while the authorisation holds (as their representative).
import { z } from "zod";
import { say } from "../../../../core/reply.ts";
import type { ChatContext, Tx } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow } from "../../../../conversation/flow.ts";
import { sendCurrentNotice } from "../../../payouts/currentNotice.ts";
import { contact } from "../../address.ts";
import { BUTTON } from "../../commands.ts";
import { chatSubject, isBlocked, recordAttempt, validAuthorisation } from "../../identityChecks.ts";
import { link as writeLink } from "../../linkWrites.ts";
import { smsHelp } from "../../smsKeywords.ts";

const NAME = "linkByPhone";
const state = z.object({
  flow: z.literal(NAME),
  step: z.literal("askYear"),
  relative: z.boolean(),
  initials: z.string().max(60),
});
type State = z.infer<typeof state>;

interface Candidate {
  beneficiaryId: string;
  fullName: string;
  sex: "MALE" | "FEMALE";
  birthYear: number;
  relative: { id: string; authorisationId: string } | null;
}

/** The records the chat's phone number is on. Only an SMS chat's id is a phone number. */
async function candidates(tx: Tx, ctx: ChatContext): Promise<Candidate[]> {
  if (ctx.channel !== "SMS") return [];
  const identity = await tx.chatIdentity.findUnique({
    where: { id: ctx.identityId },
    select: { platformUserId: true },
  });
  const phone = identity?.platformUserId;
  if (!phone) return [];
  const person = { id: true, fullName: true, sex: true, dateOfBirth: true } as const;
  const own = await tx.beneficiary.findMany({
    where: { phone, status: { in: ["ACTIVE", "SUSPENDED"] } },
    select: person,
    orderBy: { id: "asc" },
  });
  const relatives = await tx.relative.findMany({
    where: { phone, beneficiary: { status: { in: ["ACTIVE", "SUSPENDED"] } } },
    select: { id: true, beneficiaryId: true, beneficiary: { select: person } },
    orderBy: { id: "asc" },
  });
  const found: Candidate[] = own.map((b) => ({
    beneficiaryId: b.id,
    fullName: b.fullName,
    sex: b.sex,
    birthYear: b.dateOfBirth.getUTCFullYear(),
    relative: null,
  }));
  for (const r of relatives) {
    const auth = await validAuthorisation(tx, ctx, { beneficiaryId: r.beneficiaryId, relativeId: r.id });
    if (auth && !found.some((f) => f.beneficiaryId === r.beneficiaryId))
      found.push({
        beneficiaryId: r.beneficiaryId,
        fullName: r.beneficiary.fullName,
        sex: r.beneficiary.sex,
        birthYear: r.beneficiary.dateOfBirth.getUTCFullYear(),
        relative: { id: r.id, authorisationId: auth.id },
      });
  }
  return found;
}

/** "Nguyễn Văn An" → "N.V.A.": enough for the owner to recognise, little for anyone else. */
function initials(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/)
    .map((w) => `${w.charAt(0).toUpperCase()}.`)
    .join("");
}

const subjects = (ctx: ChatContext) => [{ subject: chatSubject(ctx), max: ctx.settings.identityMaxFailures }];

const lookup = defineEffect({
  kind: "phoneOnRecord",
  payload: {},
  output: z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("unknown") }),
    z.object({ outcome: z.literal("blocked") }),
    z.object({ outcome: z.literal("found"), initials: z.string().max(60), relative: z.boolean() }),
  ]),
  async perform(tx, _p, ctx) {
    const found = await candidates(tx, ctx);
    const first = found[0];
    if (!first) return { outcome: "unknown" as const };
    if (await isBlocked(tx, ctx, subjects(ctx))) return { outcome: "blocked" as const };
    return { outcome: "found" as const, initials: initials(first.fullName), relative: first.relative !== null };
  },
});

const confirm = defineEffect({
  kind: "confirmPhoneOnRecord",
  payload: { year: z.number().int().min(1900).max(2100) },
  output: z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("unknown") }),
    z.object({ outcome: z.literal("blocked") }),
    z.object({ outcome: z.literal("wrong") }),
    z.object({ outcome: z.literal("linked"), count: z.number().int() }),
  ]),
  async perform(tx, { year }, ctx) {
    const found = await candidates(tx, ctx);
    if (found.length === 0) return { outcome: "unknown" as const };
    if (await isBlocked(tx, ctx, subjects(ctx))) return { outcome: "blocked" as const };
    const matching = found.filter((c) => c.birthYear === year);
    await recordAttempt(tx, ctx, subjects(ctx), matching.length > 0);
    if (matching.length === 0)
      return (await isBlocked(tx, ctx, subjects(ctx)))
        ? { outcome: "blocked" as const }
        : { outcome: "wrong" as const };
    let count = 0;
    for (const c of matching) {
      const person = { beneficiaryId: c.beneficiaryId, fullName: c.fullName, sex: c.sex };
      const role = c.relative ? ("REPRESENTATIVE" as const) : ("SELF" as const);
      const done = await writeLink(tx, ctx, {
        person,
        role,
        // The phone on record and the year of birth: an identity check by SMS.
        via: c.relative ? "AUTHORISATION" : "IDENTITY_CHECK",
        ...(c.relative ? { authorisationId: c.relative.authorisationId, relativeId: c.relative.id } : {}),
      });
      if (done.outcome !== "ok") continue;
      count++;
      await sendCurrentNotice(tx, {
        identityId: ctx.identityId,
        channel: ctx.channel,
        beneficiaryId: c.beneficiaryId,
        role,
        now: ctx.now,
      });
    }
    return count > 0 ? { outcome: "linked" as const, count } : { outcome: "wrong" as const };
  },
});

const results = z.discriminatedUnion("kind", [lookup.result, confirm.result]);

const ask = (s: State) => ({
  text: [say(s.relative ? "channels:sms.link.askRelative" : "channels:sms.link.ask", { initials: s.initials })],
});

function readYear(text: string): number | null {
  const m = /^\s*(?:nam\s*sinh\s*)?((?:19|20)\d{2})\s*\.?\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

export const linkByPhoneFlow = defineFlow({
  name: NAME,
  state: { schema: state, version: 1 },
  effects: [lookup, confirm],
  opens: { buttons: { [BUTTON.linkByPhone]: "start" } },
  start: () => decision(null, [], [lookup.ask(NAME, {})]),
  step(s, input) {
    if (input.kind !== "text") return null;
    const year = readYear(input.text);
    return year === null ? null : decision(s, [], [confirm.ask(NAME, { year })]);
  },
  prompt: (s) => ask(s),
  restart: () => decision(null, [], [lookup.ask(NAME, {})]),
  results,
  onResult(s, result, ctx) {
    const r = result.value;
    if (r.outcome === "unknown") return decision(null, [{ text: [say("channels:sms.link.unknown"), contact(ctx)] }]);
    if (r.outcome === "blocked") return decision(null, [{ text: [say("channels:sms.link.blocked"), contact(ctx)] }]);
    if (r.outcome === "found") {
      const next: State = { flow: NAME, step: "askYear", relative: r.relative, initials: r.initials };
      return decision(next, [ask(next)]);
    }
    if (r.outcome === "wrong") return decision(s, [{ text: [say("channels:sms.link.wrong")] }]);
    // Linked: what the person can send from now on.
    const help = smsHelp();
    return decision(null, [{ text: [say("channels:sms.link.done"), ...help.text.slice(1)] }]);
  },
});
