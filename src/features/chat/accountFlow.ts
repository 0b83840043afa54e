// The account walkthrough: a bank account, an e-wallet, Mobile Money or an account linked in
// VNeID, explained simply; then the person sends the account (provider from a list, number checked
// for its form, holder's name the same as the beneficiary's) for the officer to verify. Going back
// to cash takes the same road. The money moves to the new way from the first payout month not yet
// sent to the payment service.
import { btn, say } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { PROVIDERS } from "../requests/providers.ts";
import { accountDraft, ACCOUNT_TYPES, type AccountDraft, type PrivateData } from "../requests/requestData.ts";
import { accountProgress, accountPrompt, byPhone, whenText } from "./accountPrompts.ts";
import { BUTTON } from "./commands.ts";
import { decision, type ChatDecision } from "./decision.ts";
import type { FlowInput } from "./flowInput.ts";
import { activePerson, menu } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import { accountNumberAnswer, sameName } from "./requestAnswers.ts";
import { CANCEL_ROW, explainProblem, pressed, resumePrompt, RQ } from "./requestCommon.ts";
import { ACCOUNT_STEPS, type AccountState, type AccountStep } from "./requestStates.ts";

export function startAccount(): ChatDecision {
  return decision(null, [], [{ kind: "loadDraft", request: "ACCOUNT", flow: "account" }]);
}

export function onAccountDraft(result: Extract<ChatResult, { kind: "draft" }>, ctx: ChatContext): ChatDecision {
  const saved = result.saved;
  const draft = saved ? accountDraft.safeParse(saved.draft) : null;
  const step = ACCOUNT_STEPS.find((s) => s === saved?.step);
  // A draft for someone else than the person now selected is not offered here.
  const forActive = saved?.person.beneficiaryId === ctx.activeBeneficiaryId;
  if (!saved || !draft?.success || !step || !forActive) {
    const active = activePerson(ctx);
    const person = active ? { beneficiaryId: active.beneficiaryId, fullName: active.fullName, ...(active.sex ? { sex: active.sex } : {}) } : undefined;
    const state: AccountState = { flow: "account", step: "type", draft: {}, ...(person ? { person } : {}) };
    return decision(state, [{ text: [say("requests:account.intro")] }, ...accountPrompt(state, "type")]);
  }
  const state: AccountState = { flow: "account", step: "resume", person: saved.person, draft: draft.data, savedStep: step };
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
      if (pressed(input, RQ.continue) !== null && state.savedStep) return decision({ ...state, step: state.savedStep }, accountPrompt(state, state.savedStep));
      if (pressed(input, RQ.over) === null) return null;
      const over: AccountState = { flow: "account", step: "type", draft: {}, ...(state.person ? { person: state.person } : {}) };
      return decision(over, accountPrompt(over, "type"), [{ kind: "discardDraft", request: "ACCOUNT" }]);
    }
    case "type": {
      const type = ACCOUNT_TYPES.find((t) => t === pressed(input, RQ.type));
      if (!type) return null;
      return go(state, { type }, type === "CASH" ? "cashKind" : "guide");
    }
    case "guide":
      if (pressed(input, RQ.have) === null) return null;
      // Anyone may read the guide; sending an account needs the chat linked to the person.
      if (!state.person) return decision(null, [{ text: [say("requests:account.needLink")], buttons: linkRows() }]);
      return go(state, d, "provider");
    case "provider": {
      const list = d.type && d.type !== "CASH" ? PROVIDERS[d.type] : [];
      const provider = list[Number(pressed(input, RQ.provider) ?? NaN)];
      if (!provider) return null;
      return go(state, { ...d, provider }, "accountNumber");
    }
    case "accountNumber": {
      if (text === null) return null;
      const answer = accountNumberAnswer(text, byPhone(state));
      if (!answer.ok) return decision(state, [explainProblem(answer.problem, byPhone(state) ? "requests:example.phone" : "requests:example.account")]);
      return go(state, { ...d, accountLast4: answer.value.slice(-4) }, d.holderName ? "confirm" : "holderName", { accountNumber: answer.value });
    }
    case "holderName": {
      if (text === null) return null;
      const name = state.person?.fullName ?? "";
      if (!sameName(text, name)) {
        return decision(state, [{ text: [say("requests:problem.holderName", { name }), say("requests:account.holderHelp")], buttons: [CANCEL_ROW] }]);
      }
      return go(state, { ...d, holderName: text.trim().toUpperCase() }, "confirm");
    }
    case "cashKind": {
      const cash = pressed(input, RQ.cash);
      if (cash !== "CASH_POINT" && cash !== "CASH_HOME") return null;
      if (!state.person) return decision(null, [{ text: [say("requests:account.needLink")], buttons: linkRows() }]);
      return go(state, { ...d, cash }, "confirm");
    }
    case "confirm": {
      if (pressed(input, RQ.send) !== null && state.person) {
        return decision(state, [], [{ kind: "submitRequest", request: "ACCOUNT", beneficiaryId: state.person.beneficiaryId, draft: d, step: "confirm" }]);
      }
      const field = pressed(input, RQ.edit);
      if (field !== "accountNumber" && field !== "cashKind") return null;
      return decision({ ...state, step: field }, accountPrompt(state, field));
    }
  }
}

function go(state: AccountState, draft: AccountDraft, step: AccountStep, priv?: PrivateData): ChatDecision {
  const next: AccountState = { ...state, step, draft };
  const effects = state.person
    ? [{ kind: "saveDraft" as const, request: "ACCOUNT" as const, beneficiaryId: state.person.beneficiaryId, step, draft, ...(priv ? { private: priv } : {}) }]
    : [];
  return decision(next, accountPrompt(next, step), effects);
}

export function onAccountSubmitted(result: Extract<ChatResult, { kind: "submitted" }>, ctx: ChatContext): ChatDecision {
  if (result.outcome !== "ok") return decision(null, [{ text: [say(`requests:sent.${result.outcome}`)] }, menu(ctx)]);
  const sent = result.request === "CHANGE_METHOD" ? "requests:account.sentCash" : "requests:account.sent";
  return decision(null, [{ text: [say(sent, { reference: result.reference }), whenText(result.effectiveMonth), say("chat:help.safety")] }, menu(ctx)]);
}

function linkRows() {
  return [[btn("chat:button.linkByCode", BUTTON.linkByCode)], [btn("chat:button.linkById", BUTTON.linkById)], [btn("chat:button.menu", BUTTON.menu)]];
}
