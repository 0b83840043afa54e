// Linking with the one-time code a commune officer printed for the person (payout notice,
// envelope, QR code). Wrong codes count towards the same failure limit as identity checks, so
// nobody can try codes at random. People often type the code straight away, without pressing
// "Liên kết bằng mã", or arrive with it through a QR code: both open this flow too.
import { z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow, type Decision, type FlowInput } from "../../../../conversation/flow.ts";
import { linkCodeCandidates } from "../../../linking/codeText.ts";
import { contact, fullNameParams } from "../../address.ts";
import { BUTTON } from "../../commands.ts";
import { findCode as lookUpCode } from "../../identityChecks.ts";
import { BACK_ROW, CANCEL_ROW, talkButton } from "../../kit.ts";
import { personRef, type PersonRef } from "../../personRef.ts";
import { askConsent } from "../consent/index.ts";
import { alreadyLinked, roleAnswer, rolePrompt } from "../consent/role.ts";
import { tooManyTries } from "../menu/replies.ts";

const NAME = "linkByCode";
const id = z.string().min(1).max(64);

const linkByCodeState = z.discriminatedUnion("step", [
  z.object({ flow: z.literal(NAME), step: z.literal("askCode") }),
  z.object({ flow: z.literal(NAME), step: z.literal("askRole"), linkCodeId: id, person: personRef }),
]);
type LinkByCodeState = z.infer<typeof linkByCodeState>;

const ASK_CODE: LinkByCodeState = { flow: NAME, step: "askCode" };

const findCode = defineEffect({
  kind: "findCode",
  payload: { raw: z.string().max(4096) },
  output: z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("blocked") }),
    z.object({ outcome: z.literal("notFound") }),
    z.object({ outcome: z.literal("found"), linkCodeId: id, person: personRef }),
  ]),
  perform: async (tx, { raw }, ctx) => lookUpCode(tx, ctx, raw),
});

/** Whether a text can be a printed code at all (so it is worth looking up). */
export function looksLikeCode(text: string): boolean {
  return linkCodeCandidates(text).length > 0;
}

/** Looks the code up; `lead` is said first (the greeting of a chat opened with a QR code). */
function redeem(raw: string, lead: Reply[] = []): Decision {
  return decision(ASK_CODE, lead, [findCode.ask(NAME, { raw })]);
}

function prompt(state: LinkByCodeState): Reply {
  if (state.step === "askRole") return rolePrompt(state.person);
  return { text: [say("chat:code.ask"), say("chat:code.example")], buttons: [CANCEL_ROW] };
}

function step(state: LinkByCodeState, input: FlowInput): Decision | null {
  if (state.step === "askCode") {
    if (input.kind !== "text") return null;
    // Not a code at all (too short, letters never printed): explain the shape; not a failed try.
    if (!looksLikeCode(input.text))
      return decision(state, [{ text: [say("chat:code.badFormat"), say("chat:code.example")], buttons: [CANCEL_ROW] }]);
    return redeem(input.text);
  }
  const role = roleAnswer(input);
  return role ? askConsent({ person: state.person, role, via: "LINK_CODE", linkCodeId: state.linkCodeId }) : null;
}

function onCode(result: z.infer<typeof findCode.result>["value"], ctx: ChatContext): Decision {
  if (result.outcome === "blocked") return decision(null, [tooManyTries(ctx)]);
  if (result.outcome === "notFound") {
    return decision(ASK_CODE, [
      {
        text: [say("chat:code.wrong"), say("chat:code.tryAgain"), contact(ctx)],
        buttons: [[btn("chat:button.linkById", BUTTON.linkById)], [talkButton()], BACK_ROW],
      },
    ]);
  }
  const person: PersonRef = result.person;
  const known = alreadyLinked(NAME, person, ctx);
  if (known) return known;
  const next: LinkByCodeState = { flow: NAME, step: "askRole", linkCodeId: result.linkCodeId, person };
  return decision(next, [
    { ...rolePrompt(person), text: [say("chat:code.found", fullNameParams(person)), ...rolePrompt(person).text] },
  ]);
}

type Open = "ask" | { code: string; greet: boolean };

export const linkByCodeFlow = defineFlow<LinkByCodeState, Open, z.infer<typeof findCode.result>>({
  name: NAME,
  state: { schema: linkByCodeState, version: 1 },
  effects: [findCode],
  opens: {
    buttons: { [BUTTON.linkByCode]: "ask" },
    // A deep link (Telegram "/start <code>", a QR code) carries the printed code: redeemed at once.
    start: (payload) => (payload && looksLikeCode(payload) ? { code: payload, greet: true } : null),
    text: (text) => (looksLikeCode(text) ? { code: text, greet: false } : null),
  },
  start: (open) =>
    open === "ask"
      ? decision(ASK_CODE, [prompt(ASK_CODE)])
      : redeem(open.code, open.greet ? [{ text: [say("chat:welcome")] }] : []),
  step: (state, input) => step(state, input),
  prompt: (state) => prompt(state),
  restart: () => decision(ASK_CODE, [prompt(ASK_CODE)]),
  results: findCode.result,
  onResult: (_state, result, ctx) => onCode(result.value, ctx),
});
