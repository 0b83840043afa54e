// The account walkthrough as a flow: a bank account, an e-wallet, Mobile Money or an account
// linked in VNeID (or back to cash); opened by its button or by asking to open an account or
// change how the money comes. "hủy" ends it and forgets the draft.
import { z } from "zod";
import { defineFlow } from "../../../../conversation/flow.ts";
import { BUTTON } from "../../commands.ts";
import { discardDraft, loadDraft, saveDraft, submitRequest } from "../requests/effects.ts";
import { accountState } from "../requests/states.ts";
import { accountPromptOf, accountStep, NAME, onAccountDraft, onAccountSubmitted, startAccount } from "./steps.ts";

const results = z.discriminatedUnion("kind", [loadDraft.result, submitRequest.result]);

export const accountFlow = defineFlow({
  name: NAME,
  state: { schema: accountState, version: 1 },
  effects: [loadDraft, saveDraft, discardDraft, submitRequest],
  opens: { buttons: { [BUTTON.account]: "start" }, intents: { open_account: "start", change_payout_method: "start" } },
  start: () => startAccount(),
  step: (state, input) => accountStep(state, input),
  prompt: (state) => accountPromptOf(state),
  restart: () => startAccount(),
  cancel: () => [discardDraft.ask(NAME, { request: "ACCOUNT" })],
  results,
  onResult(_state, result, ctx) {
    if (result.kind === "loadDraft") return onAccountDraft(result.value, ctx);
    return onAccountSubmitted(result.value, ctx);
  },
});
