// Consent before the first look at someone's data (Law 91/2025 on personal data: payout details and
// benefit status are sensitive; consent must be explicit and can be withdrawn). The bot says what
// it will show and why, and links only on a clear yes; a no stores nothing.
import { z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow, type Decision, type FlowInput } from "../../../../conversation/flow.ts";
import { sendCurrentNotice } from "../../../payouts/currentNotice.ts";
import { elderParams, fullNameParams } from "../../address.ts";
import { yesNoAnswer } from "../../answers.ts";
import { BUTTON } from "../../commands.ts";
import { LINK_ROWS } from "../../kit.ts";
import { link as writeLink } from "../../linkWrites.ts";
import { personRef } from "../../personRef.ts";
import { menu } from "../menu/replies.ts";
import { consentState, linkRequest, type ConsentState, type LinkRequest } from "./state.ts";

const NAME = "consent";
export const CONSENT_YES = "consent:yes";
export const CONSENT_NO = "consent:no";

const linked = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("ok"), person: personRef }),
  /** The code was used by another chat in the meantime, or has expired. */
  z.object({ outcome: z.literal("codeUsed") }),
  /** The authorisation stopped being valid between the check and the consent. */
  z.object({ outcome: z.literal("notAllowed") }),
]);

const link = defineEffect({
  kind: "link",
  payload: { request: linkRequest },
  output: linked,
  async perform(tx, { request }, ctx) {
    const done = await writeLink(tx, ctx, request);
    // A chat linked today also hears the notice this period's payout already had.
    if (done.outcome === "ok")
      await sendCurrentNotice(tx, {
        identityId: ctx.identityId,
        channel: ctx.channel,
        beneficiaryId: done.person.beneficiaryId,
        role: request.role,
        now: ctx.now,
      });
    return done;
  },
});

export function askConsent(request: LinkRequest): Decision {
  const state: ConsentState = { flow: NAME, step: "askConsent", request };
  return decision(state, [consentPrompt(state)]);
}

function consentPrompt(state: ConsentState): Reply {
  const { person } = state.request;
  return {
    text: [
      say("chat:consent.what", fullNameParams(person)),
      say("chat:consent.why"),
      say("chat:consent.withdraw"),
      say("chat:consent.ask"),
    ],
    buttons: [[btn("chat:button.agree", CONSENT_YES)], [btn("chat:button.disagree", CONSENT_NO)]],
  };
}

function consentStep(state: ConsentState, input: FlowInput, ctx: ChatContext): Decision | null {
  const answer =
    input.kind === "button"
      ? input.data === CONSENT_YES
        ? true
        : input.data === CONSENT_NO
          ? false
          : null
      : input.kind === "text"
        ? yesNoAnswer(input.text)
        : null;
  if (answer === null) return null;
  if (answer) return decision(state, [], [link.ask(NAME, { request: state.request })]);
  const declined = state.request.via === "LINK_CODE" ? "chat:consent.declinedCode" : "chat:consent.declined";
  return decision(null, [{ ...menu(ctx), text: [say(declined)] }]);
}

export const consentFlow = defineFlow({
  name: NAME,
  state: { schema: consentState, version: 1 },
  effects: [link],
  step: consentStep,
  prompt: consentPrompt,
  // "Làm lại": back to the two ways of linking.
  restart: () => decision(null, [{ text: [say("chat:link.how")], buttons: LINK_ROWS }]),
  results: link.result,
  onResult(state, result, ctx) {
    const r = result.value;
    if (r.outcome === "codeUsed")
      return decision(null, [
        { text: [say("chat:code.alreadyUsed")], buttons: [[btn("chat:button.linkById", BUTTON.linkById)]] },
      ]);
    if (r.outcome === "notAllowed")
      return decision(null, [{ ...menu(ctx), text: [say("chat:relative.needAuthorisation")] }]);
    const role = state?.request.role ?? "SELF";
    const done = role === "SELF" ? say("chat:linked.self") : say("chat:linked.representative", elderParams(r.person));
    return decision(null, [{ ...menu(ctx), text: [done, say("chat:help.safety")] }]);
  },
});
