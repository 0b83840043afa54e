// Changes to a record through the same road as the other requests: a new phone number or address,
// a move to another commune, or a death. The officer confirms; a death then stops the payouts not
// yet sent and the family is told about funeral support.
import { btn, say, type Reply } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import type { ChangeDraft, RequestKindName } from "../requests/requestData.ts";
import { dateOfBirthAnswer } from "./answers.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { activePerson, menu } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import { phoneAnswer, placeAnswer } from "./requestAnswers.ts";
import { CANCEL_ROW, explainProblem, pressed, progress, RQ } from "./requestCommon.ts";
import type { ChangeState, ChangeStep } from "./requestStates.ts";
import { linkChoices } from "./understanding.ts";

const WHAT = ["phone", "address", "move", "death"] as const;
type What = (typeof WHAT)[number];

const KIND: Record<What, RequestKindName> = { phone: "UPDATE_INFO", address: "UPDATE_INFO", move: "MOVE", death: "DEATH" };
const ASK: Record<What, ChangeStep> = { phone: "phone", address: "address", move: "destination", death: "date" };

/** Needs a linked person: changes are always about someone's record. */
export function startChange(ctx: ChatContext, what?: What): ChatDecision {
  const active = activePerson(ctx);
  if (!active) return linkChoices(ctx);
  const person = { beneficiaryId: active.beneficiaryId, fullName: active.fullName, ...(active.sex ? { sex: active.sex } : {}) };
  const state: ChangeState = what ? { flow: "change", step: ASK[what], person, draft: { what } } : { flow: "change", step: "what", person, draft: {} };
  return decision(state, [changePrompt(state)]);
}

export function changePrompt(state: ChangeState): Reply {
  const n = state.step === "what" ? 1 : state.step === "confirm" ? 3 : 2;
  const head = progress(n, 3);
  const d = state.draft;
  switch (state.step) {
    case "what":
      return { text: [head, say("requests:change.askWhat")], buttons: [...WHAT.map((w) => [btn(`requests:change.what.${w}`, `${RQ.what}${w}`)]), CANCEL_ROW] };
    case "phone":
      return { text: [head, say("requests:change.askPhone"), say("requests:example.phone")], buttons: [CANCEL_ROW] };
    case "address":
      return { text: [head, say("requests:change.askAddress"), say("requests:example.address")], buttons: [CANCEL_ROW] };
    case "destination":
      return { text: [head, say("requests:change.askDestination"), say("requests:example.address")], buttons: [CANCEL_ROW] };
    case "date":
      return { text: [head, say("requests:change.askDeathDate", { name: state.person.fullName }), say("chat:id.exampleDob")], buttons: [CANCEL_ROW] };
    case "confirm":
      return {
        text: [head, say("requests:change.summaryTitle"), summaryLine(state.person.fullName, d), say("requests:auth.confirmAsk")],
        buttons: [[btn("requests:button.send", RQ.send)], [btn("requests:button.editChange", `${RQ.edit}what`)], CANCEL_ROW],
      };
  }
}

function summaryLine(name: string, d: ChangeDraft) {
  switch (d.what) {
    case "phone":
      return say("requests:change.summaryPhone", { name, phone: `••••••${d.phoneLast4 ?? ""}` });
    case "address":
      return say("requests:change.summaryAddress", { name, address: d.address ?? "" });
    case "move":
      return say("requests:change.summaryMove", { name, place: d.destination ?? "" });
    default:
      return say("requests:change.summaryDeath", { name, date: { date: d.date ?? "" } });
  }
}

export function changeStep(state: ChangeState, input: FlowInput, ctx: ChatContext): ChatDecision | null {
  const text = input.kind === "text" ? input.text : null;
  const d = state.draft;
  const to = (draft: ChangeDraft, extra: ChatDecision["effects"] = []): ChatDecision => {
    const next: ChangeState = { ...state, step: "confirm", draft };
    return decision(next, [changePrompt(next)], extra);
  };
  switch (state.step) {
    case "what": {
      const what = WHAT.find((w) => w === pressed(input, RQ.what));
      if (!what) return null;
      const next: ChangeState = { ...state, step: ASK[what], draft: { what } };
      return decision(next, [changePrompt(next)]);
    }
    case "phone": {
      if (text === null) return null;
      const answer = phoneAnswer(text);
      if (!answer.ok) return decision(state, [explainProblem("phone", "requests:example.phone")]);
      const draft: ChangeDraft = { what: "phone", phoneLast4: answer.value.slice(-4) };
      // The number itself goes to the request row only.
      return to(draft, [{ kind: "saveDraft", request: "UPDATE_INFO", beneficiaryId: state.person.beneficiaryId, step: "confirm", draft, private: { phone: answer.value } }]);
    }
    case "address":
    case "destination": {
      if (text === null) return null;
      const answer = placeAnswer(text);
      if (!answer.ok) return decision(state, [explainProblem("place", "requests:example.address")]);
      return to(state.step === "address" ? { what: "address", address: answer.value } : { what: "move", destination: answer.value });
    }
    case "date": {
      if (text === null) return null;
      const date = dateOfBirthAnswer(text, ctx.today);
      if (!date) return decision(state, [explainProblem("deathDate", "chat:id.exampleDob")]);
      return to({ what: "death", date });
    }
    case "confirm": {
      if (pressed(input, RQ.send) !== null && d.what) {
        return decision(state, [], [{ kind: "submitRequest", request: KIND[d.what], beneficiaryId: state.person.beneficiaryId, draft: d, step: "confirm" }]);
      }
      if (pressed(input, RQ.edit) !== "what") return null;
      const next: ChangeState = { ...state, step: "what", draft: {} };
      return decision(next, [changePrompt(next)]);
    }
  }
}

export function onChangeSubmitted(result: Extract<ChatResult, { kind: "submitted" }>, ctx: ChatContext): ChatDecision {
  if (result.outcome !== "ok") return decision(null, [{ text: [say(`requests:sent.${result.outcome}`)] }, menu(ctx)]);
  const sent = { text: [say("requests:change.sent", { reference: result.reference }), say("requests:change.officerChecks")] };
  // A death: the family hears about funeral support now, without waiting for the officer.
  if (result.request === "DEATH") return decision(null, [sent], [{ kind: "funeralSupport" }]);
  return decision(null, [sent, menu(ctx)]);
}
