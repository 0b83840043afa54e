// "Are you the person themself, or a relative?" — asked in both ways of linking, because a relative
// may only ever be linked as a representative, never as the person.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { foldVietnamese } from "../../lib/text.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { menu, title } from "./menu.ts";
import type { PersonRef } from "./state.ts";

export const ROLE_SELF = "role:self";
export const ROLE_RELATIVE = "role:rel";

/**
 * A person found by a code or an identity check who is already linked in this chat is simply
 * selected: nothing new is linked, and a code is kept for whoever else needs it.
 */
export function alreadyLinked(person: PersonRef, ctx: ChatContext): ChatDecision | null {
  if (!ctx.links.some((l) => l.beneficiaryId === person.beneficiaryId)) return null;
  const selected = { ...ctx, activeBeneficiaryId: person.beneficiaryId };
  return decision(
    null,
    [{ text: [say("chat:linked.already", { title: title(person.sex), name: person.fullName })] }, menu(selected)],
    [{ kind: "select", beneficiaryId: person.beneficiaryId }],
  );
}

export function rolePrompt(person: PersonRef): Reply {
  return {
    text: [say("chat:role.ask", { title: title(person.sex), name: person.fullName })],
    buttons: [[btn("chat:button.roleSelf", ROLE_SELF)], [btn("chat:button.roleRelative", ROLE_RELATIVE)]],
  };
}

export function roleAnswer(input: FlowInput): "SELF" | "REPRESENTATIVE" | null {
  if (input.kind === "button") return input.data === ROLE_SELF ? "SELF" : input.data === ROLE_RELATIVE ? "REPRESENTATIVE" : null;
  if (input.kind !== "text") return null;
  const folded = foldVietnamese(input.text);
  if (/\b(nguoi than|relative|con|chau|vo|chong|nhan thay)\b/.test(folded)) return "REPRESENTATIVE";
  if (/\b(chinh chu|chinh toi|la toi|myself|me)\b/.test(folded)) return "SELF";
  return null;
}
