// "Xóa liên kết": withdrawing consent must be as easy as giving it (Law 91/2025). The bot asks
// once, with buttons, whether to forget this person or everyone, then deletes the links; when
// nothing is left the consent is recorded as withdrawn.
import { z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow, type Decision, type FlowInput } from "../../../../conversation/flow.ts";
import { activePerson, fullNameParams, personOf } from "../../address.ts";
import { yesNoAnswer } from "../../answers.ts";
import { BUTTON } from "../../commands.ts";
import { unlink as writeUnlink } from "../../linkWrites.ts";
import { personRef } from "../../personRef.ts";
import { menu } from "../menu/replies.ts";

const NAME = "unlink";
export const UNLINK_YES = "ul:yes";
export const UNLINK_NO = "ul:no";
export const UNLINK_ONE = "ul:one";
export const UNLINK_ALL = "ul:all";

const unlinkState = z.object({
  flow: z.literal(NAME),
  /** One person linked: "unlink them?"; several: "this person or everyone?" */
  step: z.enum(["confirm", "chooseScope"]),
  person: personRef,
});
type UnlinkState = z.infer<typeof unlinkState>;

const unlinkEffect = defineEffect({
  kind: "unlink",
  payload: { beneficiaryIds: z.union([z.array(z.string().min(1).max(64)).max(50), z.literal("all")]) },
  output: z.object({ removed: z.number().int(), remaining: z.number().int() }),
  perform: async (tx, { beneficiaryIds }, ctx) => writeUnlink(tx, ctx, beneficiaryIds),
});

function start(ctx: ChatContext): Decision {
  const active = activePerson(ctx);
  if (!active) return decision(null, [{ ...menu(ctx), text: [say("chat:unlink.nothing")] }]);
  const state: UnlinkState = {
    flow: NAME,
    step: ctx.links.length > 1 ? "chooseScope" : "confirm",
    person: personOf(active),
  };
  return decision(state, [prompt(state)]);
}

function prompt(state: UnlinkState): Reply {
  const who = fullNameParams(state.person);
  if (state.step === "confirm") {
    return {
      text: [say("chat:unlink.confirm", who), say("chat:unlink.after")],
      buttons: [[btn("chat:button.unlinkYes", UNLINK_YES)], [btn("chat:button.unlinkNo", UNLINK_NO)]],
    };
  }
  return {
    text: [say("chat:unlink.chooseScope")],
    buttons: [
      [btn("chat:button.unlinkOne", UNLINK_ONE, who)],
      [btn("chat:button.unlinkAll", UNLINK_ALL)],
      [btn("chat:button.unlinkNo", UNLINK_NO)],
    ],
  };
}

function step(state: UnlinkState, input: FlowInput, ctx: ChatContext): Decision | null {
  const yes = input.kind === "text" && state.step === "confirm" ? yesNoAnswer(input.text) : null;
  const answer = input.kind === "button" ? input.data : yes === null ? null : yes ? UNLINK_YES : UNLINK_NO;
  if (answer === UNLINK_NO) return decision(null, [{ ...menu(ctx), text: [say("chat:unlink.kept")] }]);
  const one =
    (answer === UNLINK_YES && state.step === "confirm") || (answer === UNLINK_ONE && state.step === "chooseScope");
  if (one) return decision(state, [], [unlinkEffect.ask(NAME, { beneficiaryIds: [state.person.beneficiaryId] })]);
  if (answer === UNLINK_ALL && state.step === "chooseScope")
    return decision(state, [], [unlinkEffect.ask(NAME, { beneficiaryIds: "all" })]);
  return null;
}

export const unlinkFlow = defineFlow<UnlinkState, "start", z.infer<typeof unlinkEffect.result>>({
  name: NAME,
  state: { schema: unlinkState, version: 1 },
  effects: [unlinkEffect],
  opens: { buttons: { [BUTTON.unlink]: "start" }, words: { "xoa lien ket": "start", unlink: "start" } },
  start: (_open, ctx) => start(ctx),
  step,
  prompt: (state) => prompt(state),
  restart: (_state, ctx) => start(ctx),
  results: unlinkEffect.result,
  onResult(_state, result, ctx) {
    const done =
      result.value.remaining === 0
        ? [say("chat:unlink.doneAll"), say("chat:unlink.relink")]
        : [say("chat:unlink.doneOne")];
    return decision(null, [{ ...menu(ctx), text: done }]);
  },
});
