// The account walkthrough: a bank account, an e-wallet, Mobile Money or an account linked in
// VNeID, explained simply; then the person sends the account (provider from a list, number checked
// for its form, holder's name the same as the beneficiary's) for the officer to verify. Going back
// to cash takes the same road. The money moves to the new way from the first payout month not yet
// sent to the payment service.
import { say } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, type Decision as ChatDecision, type FlowInput } from "../../../../conversation/flow.ts";
import { providerFromText } from "../../../../nlu/entities/providers.ts";
import { PROVIDERS } from "../../../requests/providers.ts";
import { accountDraft, ACCOUNT_TYPES, type AccountDraft, type PrivateData } from "../../../requests/requestData.ts";
import { activePerson, personOf } from "../../address.ts";
import { BACK_ROW, LINK_ROWS } from "../../kit.ts";
import { menu } from "../menu/replies.ts";
import { accountNumberAnswer, sameName } from "../requests/answers.ts";
import { CANCEL_ROW, explainProblem, pressed, resumePrompt, RQ } from "../requests/common.ts";
import { discardDraft, loadDraft, saveDraft, submitRequest } from "../requests/effects.ts";
import { ACCOUNT_STEPS, type AccountState, type AccountStep } from "../requests/states.ts";
import { accountProgress, accountPrompt, byPhone, whenText } from "./prompts.ts";

export const NAME = "account";

export function startAccount(): ChatDecision {
  return decision(null, [], [loadDraft.ask(NAME, { request: "ACCOUNT" })]);
}

export function onAccountDraft(
  result: {
    saved: { person: NonNullable<AccountState["person"]>; step: string; draft: Record<string, unknown> } | null;
  },
  ctx: ChatContext,
): ChatDecision {
  const saved = result.saved;
  const draft = saved ? accountDraft.safeParse(saved.draft) : null;
  const step = ACCOUNT_STEPS.find((s) => s === saved?.step);
  // A draft for someone else than the person now selected is not offered here.
  const forActive = saved?.person.beneficiaryId === ctx.activeBeneficiaryId;
  if (!saved || !draft?.success || !step || !forActive) {
    const active = activePerson(ctx);
    const state: AccountState = {
      flow: "account",
      step: "type",
      draft: {},
      ...(active ? { person: personOf(active) } : {}),
    };
    return decision(state, [{ text: [say("requests:account.intro")] }, ...accountPrompt(state, "type")]);
  }
  const state: AccountState = {
    flow: "account",
    step: "resume",
    person: saved.person,
    draft: draft.data,
    savedStep: step,
  };
  const { n, total } = accountProgress(state, step);
  return decision(state, [resumePrompt("requests:what.account", n, total)]);
}

export function accountPromptOf(state: AccountState) {
  if (state.step !== "resume") return accountPrompt(state, state.step)[0] ?? { text: [say("requests:account.intro")] };
  const { n, total } = accountProgress(state, state.savedStep ?? "type");
  return resumePrompt("requests:what.account", n, total);
}

export function accountStep(state: AccountState, input: FlowInput): ChatDecision | null {
  const d = state.draft;
  const text = input.kind === "text" ? input.text : null;
  switch (state.step) {
    case "resume": {
      if (pressed(input, RQ.continue) !== null && state.savedStep) return at(state, state.savedStep);
      if (pressed(input, RQ.over) === null) return null;
      const over: AccountState = {
        flow: "account",
        step: "type",
        draft: {},
        ...(state.person ? { person: state.person } : {}),
      };
      return decision(over, accountPrompt(over, "type"), [discardDraft.ask(NAME, { request: "ACCOUNT" })]);
    }
    case "type": {
      const type = ACCOUNT_TYPES.find((t) => t === pressed(input, RQ.type));
      if (!type) return null;
      return go(state, { type }, type === "CASH" ? "cashKind" : "guide");
    }
    case "guide":
      if (pressed(input, RQ.have) === null) return null;
      // Anyone may read the guide; sending an account needs the chat linked to the person.
      if (!state.person)
        return decision(null, [{ text: [say("requests:account.needLink")], buttons: [...LINK_ROWS, BACK_ROW] }]);
      return go(state, d, "provider");
    case "provider": {
      const list = d.type && d.type !== "CASH" ? PROVIDERS[d.type] : [];
      // A button, or the name typed the way people say it ("agribank", "ngân hàng nông nghiệp", "vcb").
      const provider =
        list[Number(pressed(input, RQ.provider) ?? NaN)] ?? (text === null ? null : providerFromText(text, list));
      if (!provider)
        return text === null
          ? null
          : decision(state, [
              {
                ...accountPrompt(state, "provider")[0],
                text: [say("requests:problem.provider"), say("requests:account.providerHint")],
              },
            ]);
      return go(state, { ...d, provider }, "accountNumber");
    }
    case "accountNumber": {
      if (text === null) return null;
      const answer = accountNumberAnswer(text, byPhone(state));
      if (!answer.ok)
        return decision(state, [
          explainProblem(answer.problem, byPhone(state) ? "requests:example.phone" : "requests:example.account"),
        ]);
      return go(state, { ...d, accountLast4: answer.value.slice(-4) }, d.holderName ? "confirm" : "holderName", {
        accountNumber: answer.value,
      });
    }
    case "holderName": {
      if (text === null) return null;
      const name = state.person?.fullName ?? "";
      if (!sameName(text, name)) {
        return decision(state, [
          {
            text: [say("requests:problem.holderName", { name }), say("requests:account.holderHelp")],
            buttons: [CANCEL_ROW],
          },
        ]);
      }
      return go(state, { ...d, holderName: text.trim().toUpperCase() }, "confirm");
    }
    case "cashKind": {
      const cash = pressed(input, RQ.cash);
      if (cash !== "CASH_POINT" && cash !== "CASH_HOME") return null;
      if (!state.person)
        return decision(null, [{ text: [say("requests:account.needLink")], buttons: [...LINK_ROWS, BACK_ROW] }]);
      return go(state, { ...d, cash }, "confirm");
    }
    case "confirm": {
      if (pressed(input, RQ.send) !== null && state.person) {
        return decision(
          state,
          [],
          [
            submitRequest.ask(NAME, {
              request: "ACCOUNT",
              beneficiaryId: state.person.beneficiaryId,
              draft: d,
              step: "confirm",
            }),
          ],
        );
      }
      const field = pressed(input, RQ.edit);
      if (field !== "accountNumber" && field !== "cashKind") return null;
      return at(state, field);
    }
  }
}

/** The same walkthrough at another step, its question asked. */
function at(state: AccountState, step: AccountStep): ChatDecision {
  const next: AccountState = { ...state, step };
  return decision(next, accountPrompt(state, step));
}

function go(state: AccountState, draft: AccountDraft, step: AccountStep, priv?: PrivateData): ChatDecision {
  const next: AccountState = { ...state, step, draft };
  const effects = state.person
    ? [
        saveDraft.ask(NAME, {
          request: "ACCOUNT",
          beneficiaryId: state.person.beneficiaryId,
          step,
          draft,
          ...(priv ? { private: priv } : {}),
        }),
      ]
    : [];
  return decision(next, accountPrompt(next, step), effects);
}

export function onAccountSubmitted(
  result:
    | { outcome: "ok"; request: string; reference: string; effectiveMonth: string | null }
    | { outcome: "duplicate" | "gone" },
  ctx: ChatContext,
): ChatDecision {
  if (result.outcome !== "ok")
    return decision(null, [{ ...menu(ctx), text: [say(`requests:sent.${result.outcome}`)] }]);
  const sent = result.request === "CHANGE_METHOD" ? "requests:account.sentCash" : "requests:account.sent";
  return decision(null, [
    {
      ...menu(ctx),
      text: [say(sent, { reference: result.reference }), whenText(result.effectiveMonth), say("chat:help.safety")],
    },
  ]);
}
