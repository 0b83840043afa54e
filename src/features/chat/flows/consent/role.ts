// "Are you the person themself, or a relative?" — asked in both ways of linking, because a relative
// may only ever be linked as a representative, never as the person.
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, type Decision, type FlowInput } from "../../../../conversation/flow.ts";
import { foldVietnamese } from "../../../../lib/text.ts";
import { fullNameParams } from "../../address.ts";
import type { PersonRef } from "../../personRef.ts";
import { menu } from "../menu/replies.ts";
import { selectEffect } from "../people/effects.ts";

export const ROLE_SELF = "role:self";
export const ROLE_RELATIVE = "role:rel";

/**
 * A person found by a code or an identity check who is already linked in this chat is simply
 * selected: nothing new is linked, and a code is kept for whoever else needs it.
 */
export function alreadyLinked(by: string, person: PersonRef, ctx: ChatContext): Decision | null {
  if (!ctx.links.some((l) => l.beneficiaryId === person.beneficiaryId)) return null;
  const selected = { ...ctx, activeBeneficiaryId: person.beneficiaryId };
  return decision(
    null,
    [{ ...menu(selected), text: [say("chat:linked.already", fullNameParams(person)), ...menu(selected).text] }],
    [selectEffect.ask(by, { beneficiaryId: person.beneficiaryId })],
  );
}

export function rolePrompt(person: PersonRef): Reply {
  return {
    text: [say("chat:role.ask", fullNameParams(person))],
    buttons: [[btn("chat:button.roleSelf", ROLE_SELF)], [btn("chat:button.roleRelative", ROLE_RELATIVE)]],
  };
}

export function roleAnswer(input: FlowInput): "SELF" | "REPRESENTATIVE" | null {
  if (input.kind === "button")
    return input.data === ROLE_SELF ? "SELF" : input.data === ROLE_RELATIVE ? "REPRESENTATIVE" : null;
  if (input.kind !== "text") return null;
  const folded = foldVietnamese(input.text);
  if (
    /\b(nguoi than|relative|con|chau|vo|chong|nhan thay|my (?:mother|father|mum|mom|dad|wife|husband))\b/.test(folded)
  )
    return "REPRESENTATIVE";
  if (/\b(chinh chu|chinh toi|la toi|myself|me|i am)\b/.test(folded)) return "SELF";
  return null;
}
