// Changes to a record through the same road as the other requests: a new phone number or address,
// a move to another commune, or a death. The officer confirms; a death then stops the payouts not
// yet sent. A death reported here was told first through the death flow (condolences and what the
// family receives); this asks only the date and sends the report.
import { type z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision, type FlowInput } from "../../../../conversation/flow.ts";
import { pastDateFromText } from "../../../../nlu/entities/dates.ts";
import type { ChangeDraft, RequestKindName } from "../../../requests/requestData.ts";
import { activePerson, elderParams, personOf } from "../../address.ts";
import { BUTTON } from "../../commands.ts";
import { BACK_ROW, LINK_ROWS } from "../../kit.ts";
import { afterDeathReport } from "../death/effects.ts";
import { menu } from "../menu/replies.ts";
import { phoneAnswer, placeAnswer } from "../requests/answers.ts";
import { CANCEL_ROW, explainProblem, pressed, progress, RQ } from "../requests/common.ts";
import { discardDraft, saveDraft, submitRequest } from "../requests/effects.ts";
import { changeState, type ChangeState, type ChangeStep } from "../requests/states.ts";

const NAME = "change";
const WHAT = ["phone", "address", "move", "death"] as const;
type What = (typeof WHAT)[number];

const KIND: Record<What, RequestKindName> = {
  phone: "UPDATE_INFO",
  address: "UPDATE_INFO",
  move: "MOVE",
  death: "DEATH",
};
const ASK: Record<What, ChangeStep> = { phone: "phone", address: "address", move: "destination", death: "date" };

/** Needs a linked person: changes are always about someone's record. */
export function startChange(ctx: ChatContext, what?: What): Decision {
  const active = activePerson(ctx);
  if (!active) return decision(null, [{ text: [say("chat:link.how")], buttons: [...LINK_ROWS, BACK_ROW] }]);
  const person = personOf(active);
  const state: ChangeState = what
    ? { flow: NAME, step: ASK[what], person, draft: { what } }
    : { flow: NAME, step: "what", person, draft: {} };
  return decision(state, [changePrompt(state)]);
}

function changePrompt(state: ChangeState): Reply {
  const n = state.step === "what" ? 1 : state.step === "confirm" ? 3 : 2;
  const head = progress(n, 3);
  const d = state.draft;
  switch (state.step) {
    case "what":
      return {
        text: [head, say("requests:change.askWhat")],
        buttons: [...WHAT.map((w) => [btn(`requests:change.what.${w}`, `${RQ.what}${w}`)]), CANCEL_ROW],
      };
    case "phone":
      return { text: [head, say("requests:change.askPhone"), say("requests:example.phone")], buttons: [CANCEL_ROW] };
    case "address":
      return {
        text: [head, say("requests:change.askAddress"), say("requests:example.address")],
        buttons: [CANCEL_ROW],
      };
    case "destination":
      return {
        text: [head, say("requests:change.askDestination"), say("requests:example.address")],
        buttons: [CANCEL_ROW],
      };
    case "date":
      return {
        text: [head, say("requests:change.askDeathDate", elderParams(state.person)), say("requests:example.deathDate")],
        buttons: [CANCEL_ROW],
      };
    case "confirm":
      return {
        text: [
          head,
          say("requests:change.summaryTitle"),
          summaryLine(state.person.fullName, d),
          say("requests:auth.confirmAsk"),
        ],
        buttons: [
          [btn("requests:button.send", RQ.send)],
          [btn("requests:button.editChange", `${RQ.edit}what`)],
          CANCEL_ROW,
        ],
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

function changeStep(state: ChangeState, input: FlowInput, ctx: ChatContext): Decision | null {
  const text = input.kind === "text" ? input.text : null;
  const d = state.draft;
  const to = (draft: ChangeDraft, extra: Decision["effects"] = []): Decision => {
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
      return to(draft, [
        saveDraft.ask(NAME, {
          request: "UPDATE_INFO",
          beneficiaryId: state.person.beneficiaryId,
          step: "confirm",
          draft,
          private: { phone: answer.value },
        }),
      ]);
    }
    case "address":
    case "destination": {
      if (text === null) return null;
      const answer = placeAnswer(text);
      if (!answer.ok) return decision(state, [explainProblem("place", "requests:example.address")]);
      return to(
        state.step === "address"
          ? { what: "address", address: answer.value }
          : { what: "move", destination: answer.value },
      );
    }
    case "date": {
      if (text === null) return null;
      // "12/7/2026", "12/7", "hôm qua", "3 ngày trước": a day not after today.
      const date = pastDateFromText(text, ctx.today);
      if (!date) return decision(state, [explainProblem("deathDate", "requests:example.deathDate")]);
      return to({ what: "death", date });
    }
    case "confirm": {
      if (pressed(input, RQ.send) !== null && d.what) {
        return decision(
          state,
          [],
          [
            submitRequest.ask(NAME, {
              request: KIND[d.what],
              beneficiaryId: state.person.beneficiaryId,
              draft: d,
              step: "confirm",
            }),
          ],
        );
      }
      if (pressed(input, RQ.edit) !== "what") return null;
      const next: ChangeState = { ...state, step: "what", draft: {} };
      return decision(next, [changePrompt(next)]);
    }
  }
}

function onSubmitted(result: z.infer<typeof submitRequest.result>["value"], ctx: ChatContext): Decision {
  if (result.outcome !== "ok")
    return decision(null, [{ ...menu(ctx), text: [say(`requests:sent.${result.outcome}`)] }]);
  const done =
    result.request === "DEATH"
      ? [say("requests:change.sent", { reference: result.reference }), say("requests:change.officerChecksDeath")]
      : [say("requests:change.sent", { reference: result.reference }), say("requests:change.officerChecks")];
  // With the date of death known, the funeral support is that month's (see death/effects.ts).
  return decision(null, [{ ...menu(ctx), text: done }], result.request === "DEATH" ? [afterDeathReport()] : []);
}

export const changeFlow = defineFlow({
  name: NAME,
  state: { schema: changeState, version: 1 },
  effects: [saveDraft, submitRequest, discardDraft],
  opens: { buttons: { [BUTTON.change]: "start" }, intents: { update_info: "start" } },
  start: (_open, ctx) => startChange(ctx),
  step: changeStep,
  prompt: (state) => changePrompt(state),
  restart: (state, ctx) => startChange(ctx, state.draft.what),
  cancel: () => [discardDraft.ask(NAME, { request: "UPDATE_INFO" })],
  results: submitRequest.result,
  onResult: (_state, result, ctx) => onSubmitted(result.value, ctx),
});
