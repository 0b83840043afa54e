// "Xóa liên kết": withdrawing consent must be as easy as giving it (Law 91/2025). The bot asks
// once, with buttons, whether to forget this person or everyone, then deletes the links; when
// nothing is left the consent is recorded as withdrawn.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { yesNoAnswer } from "./answers.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { activePerson, menu, title } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import type { UnlinkState } from "./state.ts";

export const UNLINK_YES = "ul:yes";
export const UNLINK_NO = "ul:no";
export const UNLINK_ONE = "ul:one";
export const UNLINK_ALL = "ul:all";

export function startUnlink(ctx: ChatContext): ChatDecision {
  const active = activePerson(ctx);
  if (!active) return decision(null, [{ text: [say("chat:unlink.nothing")] }, menu(ctx)]);
  const person = { beneficiaryId: active.beneficiaryId, fullName: active.fullName, ...(active.sex ? { sex: active.sex } : {}) };
  const state: UnlinkState = { flow: "unlink", step: ctx.links.length > 1 ? "chooseScope" : "confirm", person };
  return decision(state, [unlinkPrompt(state)]);
}

export function unlinkPrompt(state: UnlinkState): Reply {
  const who = { title: title(state.person.sex), name: state.person.fullName };
  if (state.step === "confirm") {
    return {
      text: [say("chat:unlink.confirm", who), say("chat:unlink.after")],
      buttons: [[btn("chat:button.unlinkYes", UNLINK_YES)], [btn("chat:button.unlinkNo", UNLINK_NO)]],
    };
  }
  return {
    text: [say("chat:unlink.chooseScope")],
    buttons: [[btn("chat:button.unlinkOne", UNLINK_ONE, who)], [btn("chat:button.unlinkAll", UNLINK_ALL)], [btn("chat:button.unlinkNo", UNLINK_NO)]],
  };
}

export function unlinkStep(state: UnlinkState, input: FlowInput, ctx: ChatContext): ChatDecision | null {
  const answer = input.kind === "button" ? input.data : input.kind === "text" && state.step === "confirm" ? yesNoText(input.text) : null;
  if (answer === UNLINK_NO) return decision(null, [{ text: [say("chat:unlink.kept")] }, menu(ctx)]);
  if (answer === UNLINK_YES && state.step === "confirm") return decision(state, [], [{ kind: "unlink", beneficiaryIds: [state.person.beneficiaryId] }]);
  if (answer === UNLINK_ONE && state.step === "chooseScope") return decision(state, [], [{ kind: "unlink", beneficiaryIds: [state.person.beneficiaryId] }]);
  if (answer === UNLINK_ALL && state.step === "chooseScope") return decision(state, [], [{ kind: "unlink", beneficiaryIds: "all" }]);
  return null;
}

export function onUnlinked(result: Extract<ChatResult, { kind: "unlinked" }>, ctx: ChatContext): ChatDecision {
  const done = result.remaining === 0 ? [say("chat:unlink.doneAll"), say("chat:unlink.relink")] : [say("chat:unlink.doneOne")];
  return decision(null, [{ text: done }, menu(ctx)]);
}

function yesNoText(text: string): string | null {
  const yes = yesNoAnswer(text);
  return yes === null ? null : yes ? UNLINK_YES : UNLINK_NO;
}
