// The beneficiary takes back an authorisation from the chat: it ends today, the relative is told,
// and the payout lists not yet sent carry the beneficiary again. Only the person themself may.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { activePerson, menu } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import { CANCEL_ROW, pressed, RQ } from "./requestCommon.ts";
import type { RevokeState } from "./requestStates.ts";

export function startRevoke(ctx: ChatContext): ChatDecision {
  const active = activePerson(ctx);
  if (active?.role !== "SELF") return decision(null, [{ text: [say("requests:revoke.onlySelf")] }, menu(ctx)]);
  return decision(null, [], [{ kind: "listAuthorisations", beneficiaryId: active.beneficiaryId }]);
}

export function onAuthorisationList(result: Extract<ChatResult, { kind: "authorisations" }>, ctx: ChatContext): ChatDecision {
  if (result.items.length === 0) return decision(null, [{ text: [say("requests:revoke.none")] }, menu(ctx)]);
  const items = result.items.slice(0, 10);
  const state: RevokeState =
    items.length === 1 && items[0]
      ? { flow: "revoke", step: "confirm", person: result.person, items, authorisationId: items[0].id }
      : { flow: "revoke", step: "choose", person: result.person, items };
  return decision(state, [revokePrompt(state)]);
}

export function revokePrompt(state: RevokeState): Reply {
  if (state.step === "choose") {
    return {
      text: [say("requests:revoke.choose")],
      buttons: [...state.items.map((a, i) => [btn("requests:button.revokeFor", `${RQ.edit}${i}`, { name: a.relativeName })]), CANCEL_ROW],
    };
  }
  const chosen = state.items.find((a) => a.id === state.authorisationId);
  return {
    text: [say("requests:revoke.confirm", { name: chosen?.relativeName ?? "", date: { date: chosen?.validUntil ?? "" } }), say("requests:revoke.effect", { name: chosen?.relativeName ?? "" })],
    buttons: [[btn("requests:button.revoke", RQ.yes)], CANCEL_ROW],
  };
}

export function revokeStep(state: RevokeState, input: FlowInput): ChatDecision | null {
  if (state.step === "choose") {
    const chosen = state.items[Number(pressed(input, RQ.edit) ?? NaN)];
    if (!chosen) return null;
    const next: RevokeState = { ...state, step: "confirm", authorisationId: chosen.id };
    return decision(next, [revokePrompt(next)]);
  }
  if (pressed(input, RQ.yes) === null || !state.authorisationId) return null;
  return decision(state, [], [{ kind: "revokeAuthorisation", beneficiaryId: state.person.beneficiaryId, authorisationId: state.authorisationId }]);
}

export function onRevoked(result: Extract<ChatResult, { kind: "revoked" }>, ctx: ChatContext): ChatDecision {
  const text = result.ok ? say("requests:revoke.done", { name: result.relativeName }) : say("requests:revoke.failed");
  return decision(null, [{ text: [text] }, menu(ctx)]);
}
