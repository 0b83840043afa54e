// The authorisation walkthrough (ủy quyền nhận thay) as a flow: opened by its button or by a
// request to collect for someone; "hủy" ends it and forgets the draft. The questions are in
// prompts.ts, the reading of each answer in steps.ts.
import { z } from "zod";
import { linkBtn, say, type Button } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { BUTTON, LINK_PREFIX } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { lookupId, verifyIdentity } from "../linkById/effects.ts";
import { menu } from "../menu/replies.ts";
import { discardDraft, loadDraft, saveDraft, submitRequest } from "../requests/effects.ts";
import { authoriseState } from "../requests/states.ts";
import {
  authoriseStep,
  NAME,
  onAuthoriseDraft,
  onAuthoriseIdentity,
  onAuthoriseIdLookedUp,
  promptOf,
  startAuthorise,
} from "./steps.ts";

const results = z.discriminatedUnion("kind", [
  loadDraft.result,
  submitRequest.result,
  lookupId.result,
  verifyIdentity.result,
]);

/**
 * Where the printable form opens: the service's public address, or on the web chat the page's own
 * origin (a path the page resolves). Elsewhere, without a public address, there is no link to give.
 */
export function formLink(ctx: ChatContext, path: string | null): { url: string; absolute: boolean } | null {
  if (!path) return null;
  const base = ctx.settings.publicUrl?.replace(/\/+$/, "");
  if (base) return { url: `${base}${path}`, absolute: true };
  return ctx.channel === "WEB" ? { url: path, absolute: false } : null;
}

function submitted(result: z.infer<typeof submitRequest.result>["value"], ctx: ChatContext): Decision {
  if (result.outcome !== "ok")
    return decision(null, [{ ...menu(ctx), text: [say(`requests:sent.${result.outcome}`)] }]);
  const link = formLink(ctx, result.formPath);
  const buttons: Button[][] =
    link && result.formPath
      ? [[linkBtn("requests:button.openForm", link.url, `${LINK_PREFIX}${result.formPath}`)]]
      : [];
  // The address is written out only where it is absolute; a bare path opens nowhere.
  const where = link?.absolute
    ? say("requests:auth.formLink", { url: link.url })
    : link
      ? say("requests:auth.formButton")
      : say("requests:auth.formAtCommune");
  return decision(null, [
    { text: [say("requests:auth.sent", { reference: result.reference }), where], buttons: [...buttons] },
    { text: [say("requests:auth.nextSteps"), say("requests:auth.warning")], buttons: [BACK_ROW] },
  ]);
}

export const authoriseFlow = defineFlow({
  name: NAME,
  state: { schema: authoriseState, version: 1 },
  effects: [loadDraft, saveDraft, discardDraft, submitRequest, lookupId, verifyIdentity],
  opens: { buttons: { [BUTTON.authorise]: "start" }, intents: { authorise_relative: "start" } },
  start: () => startAuthorise(),
  step: (state, input, ctx) => authoriseStep(state, input, ctx),
  prompt: (state, ctx) => promptOf(state, ctx),
  // "Làm lại": the walkthrough starts again; a saved draft is offered, so no answer is lost silently.
  restart: () => startAuthorise(),
  // "hủy" means it: the saved answers go too, and the next request starts afresh.
  cancel: () => [discardDraft.ask(NAME, { request: "AUTHORISATION" })],
  results,
  onResult(state, result, ctx) {
    switch (result.kind) {
      case "loadDraft":
        return onAuthoriseDraft(result.value, ctx);
      case "submitRequest":
        return submitted(result.value, ctx);
      case "lookupId":
        return state ? onAuthoriseIdLookedUp(state, result.value, ctx) : decision(null, [menu(ctx)]);
      case "verifyIdentity":
        return state ? onAuthoriseIdentity(state, result.value, ctx) : decision(null, [menu(ctx)]);
    }
  },
});
