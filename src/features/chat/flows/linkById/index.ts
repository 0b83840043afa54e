// Self-service linking with the personal ID, the date of birth and the last four digits of the
// phone number on record. One question per message, with its progress ("Bước 1/3"). A badly
// written answer is explained at once and costs nothing; a wrong combination counts as a failed
// try, and every kind of mismatch gets the same answer so that nobody learns whether an ID exists.
// Someone whose record has no phone is not left there: the commune's printed code, and a person.
import { z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision, type FlowInput } from "../../../../conversation/flow.ts";
import { contact, fullNameParams } from "../../address.ts";
import { dateOfBirthAnswer, personalIdAnswer, phoneLast4Answer } from "../../answers.ts";
import { BUTTON } from "../../commands.ts";
import { BACK_ROW, CANCEL_ROW, talkButton } from "../../kit.ts";
import { personRef } from "../../personRef.ts";
import { askConsent } from "../consent/index.ts";
import { alreadyLinked, roleAnswer, rolePrompt } from "../consent/role.ts";
import { escalate } from "../hotline/effects.ts";
import { tooManyTries } from "../menu/replies.ts";
import { checkLimit, checkRelative, lookupId, pidHash, verifyIdentity } from "./effects.ts";

const NAME = "linkById";
const id = z.string().min(1).max(64);
/** "Xã chưa có số điện thoại của tôi", under the phone question. */
export const NO_PHONE = "id:nophone";

const linkByIdState = z.discriminatedUnion("step", [
  z.object({ flow: z.literal(NAME), step: z.literal("askId") }),
  z.object({
    flow: z.literal(NAME),
    step: z.literal("askDob"),
    pidHash,
    candidateId: id.optional(),
    maskedId: z.string().max(40).optional(),
  }),
  z.object({
    flow: z.literal(NAME),
    step: z.literal("askPhone"),
    pidHash,
    candidateId: id.optional(),
    maskedId: z.string().max(40).optional(),
    dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  z.object({ flow: z.literal(NAME), step: z.literal("askRole"), person: personRef }),
  z.object({ flow: z.literal(NAME), step: z.literal("askRelativeId"), person: personRef }),
]);
type LinkByIdState = z.infer<typeof linkByIdState>;

const ASK_ID: LinkByIdState = { flow: NAME, step: "askId" };

const results = z.discriminatedUnion("kind", [
  checkLimit.result,
  lookupId.result,
  verifyIdentity.result,
  checkRelative.result,
]);

function prompt(state: LinkByIdState): Reply {
  switch (state.step) {
    case "askId":
      return { text: [say("chat:id.intro"), say("chat:id.askId"), say("chat:id.exampleId")], buttons: [CANCEL_ROW] };
    case "askDob":
      return { text: [say("chat:id.askDob"), say("chat:id.exampleDob")], buttons: [CANCEL_ROW] };
    case "askPhone":
      return {
        text: [say("chat:id.askPhone"), say("chat:id.examplePhone")],
        buttons: [[btn("chat:button.noPhone", NO_PHONE)], CANCEL_ROW],
      };
    case "askRole":
      return rolePrompt(state.person);
    case "askRelativeId":
      return {
        text: [say("chat:relative.askId", fullNameParams(state.person)), say("chat:id.exampleId")],
        buttons: [CANCEL_ROW],
      };
  }
}

function step(state: LinkByIdState, input: FlowInput, ctx: ChatContext): Decision | null {
  if (state.step === "askRole") {
    const role = roleAnswer(input);
    if (role === "SELF") return askConsent({ person: state.person, role: "SELF", via: "IDENTITY_CHECK" });
    if (role !== "REPRESENTATIVE") return null;
    const next: LinkByIdState = { flow: NAME, step: "askRelativeId", person: state.person };
    return decision(next, [prompt(next)]);
  }
  if (state.step === "askPhone" && input.kind === "button" && input.data === NO_PHONE) return noPhone(state, ctx);
  if (input.kind !== "text") return null;
  switch (state.step) {
    case "askId": {
      const answer = personalIdAnswer(input.text);
      if (!answer.ok)
        return decision(state, [
          badAnswer(
            answer.problem === "format" ? "chat:id.badIdFormat" : "chat:id.badIdStructure",
            "chat:id.exampleId",
          ),
        ]);
      return decision(state, [], [lookupId.ask(NAME, { personalId: answer.personalId })]);
    }
    case "askDob": {
      const dateOfBirth = dateOfBirthAnswer(input.text, ctx.today);
      if (!dateOfBirth) return decision(state, [badAnswer("chat:id.badDob", "chat:id.exampleDob")]);
      const next: LinkByIdState = { ...state, step: "askPhone", dateOfBirth };
      return decision(next, [prompt(next)]);
    }
    case "askPhone": {
      const phoneLast4 = phoneLast4Answer(input.text);
      if (!phoneLast4)
        return decision(state, [{ ...prompt(state), text: [say("chat:id.badPhone"), say("chat:id.examplePhone")] }]);
      return decision(
        state,
        [],
        [
          verifyIdentity.ask(NAME, {
            pidHash: state.pidHash,
            candidateId: state.candidateId ?? null,
            dateOfBirth: state.dateOfBirth,
            phoneLast4,
          }),
        ],
      );
    }
    case "askRelativeId": {
      const answer = personalIdAnswer(input.text);
      if (!answer.ok)
        return decision(state, [
          badAnswer(
            answer.problem === "format" ? "chat:id.badIdFormat" : "chat:id.badIdStructure",
            "chat:id.exampleId",
          ),
        ]);
      return decision(
        state,
        [],
        [checkRelative.ask(NAME, { beneficiaryId: state.person.beneficiaryId, relativePersonalId: answer.personalId })],
      );
    }
  }
}

/**
 * No phone on record: the check cannot work, whatever is typed. The way forward is the code the
 * commune prints, and a person who picks it up from here. Nothing tells whether the ID exists.
 */
function noPhone(state: Extract<LinkByIdState, { step: "askPhone" }>, ctx: ChatContext): Decision {
  // The agent sees what was typed (masked), to find the record and have a code printed.
  const question = `${state.maskedId ?? "?"} · ${state.dateOfBirth}`;
  return decision(
    null,
    [
      {
        text: [say("chat:id.noPhone"), say("chat:id.noPhoneCode"), contact(ctx)],
        buttons: [[btn("chat:button.linkByCode", BUTTON.linkByCode)], BACK_ROW],
      },
    ],
    [escalate.ask("hotline", { topic: "link_no_phone", question, auto: true })],
  );
}

function badAnswer(problem: string, example: string): Reply {
  return { text: [say(problem), say(example)], buttons: [CANCEL_ROW] };
}

function onResult(state: LinkByIdState | null, result: z.infer<typeof results>, ctx: ChatContext): Decision {
  switch (result.kind) {
    case "checkLimit":
      return result.value.blocked ? decision(null, [tooManyTries(ctx)]) : decision(ASK_ID, [prompt(ASK_ID)]);
    case "lookupId": {
      const r = result.value;
      const next: LinkByIdState = {
        flow: NAME,
        step: "askDob",
        pidHash: r.pidHash,
        maskedId: r.maskedPersonalId,
        ...(r.candidateId ? { candidateId: r.candidateId } : {}),
      };
      return decision(next, [
        { ...prompt(next), text: [say("chat:id.gotId", { id: r.maskedPersonalId }), ...prompt(next).text] },
      ]);
    }
    case "verifyIdentity": {
      const r = result.value;
      if (r.outcome === "blocked") return decision(null, [tooManyTries(ctx)]);
      if (r.outcome === "mismatch") {
        // The same words whether the ID is unknown, the date is wrong or no phone is on record.
        return decision(null, [
          {
            text: [say("chat:id.mismatch"), say("chat:id.mismatchHint"), contact(ctx)],
            buttons: [
              [btn("chat:button.tryAgain", BUTTON.linkById)],
              [btn("chat:button.linkByCode", BUTTON.linkByCode)],
              [talkButton()],
              BACK_ROW,
            ],
          },
        ]);
      }
      const known = alreadyLinked(NAME, r.person, ctx);
      if (known) return known;
      const next: LinkByIdState = { flow: NAME, step: "askRole", person: r.person };
      return decision(next, [
        { ...rolePrompt(r.person), text: [say("chat:id.verified"), ...rolePrompt(r.person).text] },
      ]);
    }
    case "checkAuthorisation": {
      const r = result.value;
      if (r.outcome === "blocked") return decision(null, [tooManyTries(ctx)]);
      if (r.outcome === "notFound" || state?.step !== "askRelativeId") {
        return decision(null, [
          {
            text: [say("chat:relative.needAuthorisation"), say("chat:relative.orCode"), contact(ctx)],
            buttons: [[btn("requests:button.authorise", BUTTON.authorise)], BACK_ROW],
          },
        ]);
      }
      return askConsent({
        person: state.person,
        role: "REPRESENTATIVE",
        via: "AUTHORISATION",
        authorisationId: r.authorisationId,
        relativeId: r.relativeId,
      });
    }
  }
}

export const linkByIdFlow = defineFlow<LinkByIdState, "ask", z.infer<typeof results>>({
  name: NAME,
  state: { schema: linkByIdState, version: 1 },
  effects: [checkLimit, lookupId, verifyIdentity, checkRelative],
  opens: { buttons: { [BUTTON.linkById]: "ask" } },
  // Checks first that the chat may still try, so nobody answers three questions for nothing.
  start: () => decision(ASK_ID, [], [checkLimit.ask(NAME, {})]),
  step,
  prompt: (state) => prompt(state),
  restart: () => decision(ASK_ID, [], [checkLimit.ask(NAME, {})]),
  results,
  onResult,
});
