// Linking with the one-time code a commune officer printed for the person (payout notice,
// envelope, QR code). Wrong codes count towards the same failure limit as identity checks, so
// nobody can try codes at random.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { linkCodeCandidates } from "../linking/codeText.ts";
import { BUTTON } from "./commands.ts";
import { askConsent } from "./consent.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { contact, menu, title, tooManyTries } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import { alreadyLinked, roleAnswer, rolePrompt } from "./role.ts";
import type { LinkByCodeState } from "./state.ts";

const ASK_CODE: LinkByCodeState = { flow: "linkByCode", step: "askCode" };

export function startLinkByCode(): ChatDecision {
  return decision(ASK_CODE, [linkByCodePrompt(ASK_CODE)]);
}

/** Whether a text can be a printed code at all (so it is worth looking up). */
export function looksLikeCode(text: string): boolean {
  return linkCodeCandidates(text).length > 0;
}

/** Looks the code up; the answer comes back as a "code" result. */
export function redeemCode(raw: string, lead: Reply[] = []): ChatDecision {
  return decision(ASK_CODE, lead, [{ kind: "findCode", raw }]);
}

export function linkByCodePrompt(state: LinkByCodeState): Reply {
  if (state.step === "askRole") return rolePrompt(state.person);
  return { text: [say("chat:code.ask"), say("chat:code.example")], buttons: [[btn("chat:button.cancel", BUTTON.cancel)]] };
}

export function linkByCodeStep(state: LinkByCodeState, input: FlowInput): ChatDecision | null {
  if (state.step === "askCode") {
    if (input.kind !== "text") return null;
    if (!looksLikeCode(input.text)) {
      // Not a code at all (too short, letters never printed): explain the shape; not a failed try.
      return decision(state, [{ text: [say("chat:code.badFormat"), say("chat:code.example")], buttons: [[btn("chat:button.cancel", BUTTON.cancel)]] }]);
    }
    return redeemCode(input.text);
  }
  const role = roleAnswer(input);
  if (!role) return null;
  return askConsent({ person: state.person, role, via: "LINK_CODE", linkCodeId: state.linkCodeId });
}

export function onCode(result: Extract<ChatResult, { kind: "code" }>, ctx: ChatContext): ChatDecision {
  if (result.outcome === "blocked") return decision(null, [tooManyTries(ctx), menu(ctx)]);
  if (result.outcome === "notFound") {
    return decision(ASK_CODE, [
      {
        text: [say("chat:code.wrong"), say("chat:code.tryAgain"), contact(ctx)],
        buttons: [[btn("chat:button.linkById", BUTTON.linkById)], [btn("chat:button.hotline", BUTTON.hotline)], [btn("chat:button.menu", BUTTON.menu)]],
      },
    ]);
  }
  const { person } = result;
  const known = alreadyLinked(person, ctx);
  if (known) return known;
  const next: LinkByCodeState = { flow: "linkByCode", step: "askRole", linkCodeId: result.linkCodeId, person };
  return decision(next, [{ text: [say("chat:code.found", { title: title(person.sex), name: person.fullName })] }, rolePrompt(person)]);
}
