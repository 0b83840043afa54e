// "Are you the person themself, or a relative?" — asked in both ways of linking, because a relative
// may only ever be linked as a representative, never as the person.
import { btn, say, type Reply } from "../../core/reply.ts";
import { foldVietnamese } from "../../lib/text.ts";
import type { FlowInput } from "./flowInput.ts";
import { title } from "./menu.ts";
import type { PersonRef } from "./state.ts";

export const ROLE_SELF = "role:self";
export const ROLE_RELATIVE = "role:rel";

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
