// "Thủ tục": everything a person can ask the commune for, one button each, and the link a relative
// may make once the authorisation they asked for is approved.
import { type z } from "zod";
import { btn, say, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow } from "../../../../conversation/flow.ts";
import { activePerson, elderParams } from "../../address.ts";
import { BUTTON, REQUEST_LINK_PREFIX } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { askConsent } from "../consent/index.ts";
import { menu } from "../menu/replies.ts";
import { linkFromRequest } from "./effects.ts";

const NAME = "requests";

export function requestsMenu(ctx: ChatContext): Reply {
  const active = activePerson(ctx);
  const rows = [[btn("requests:button.authorise", BUTTON.authorise)], [btn("requests:button.account", BUTTON.account)]];
  if (active) rows.push([btn("requests:button.change", BUTTON.change)]);
  if (active?.role === "SELF") rows.push([btn("requests:button.revokeMenu", BUTTON.revoke)]);
  rows.push([btn("requests:button.status", BUTTON.requestStatus)], BACK_ROW);
  return { text: [say("requests:menu.title")], buttons: rows };
}

type Open = "menu" | { link: string };

export const requestsFlow = defineFlow<never, Open, z.infer<typeof linkFromRequest.result>>({
  name: NAME,
  effects: [linkFromRequest],
  opens: {
    buttons: { [BUTTON.requests]: "menu" },
    prefixes: [{ prefix: REQUEST_LINK_PREFIX, read: (requestId) => (requestId ? { link: requestId } : null) }],
    words: { "thu tuc": "menu" },
  },
  start: (open, ctx) =>
    open === "menu"
      ? decision(null, [requestsMenu(ctx)])
      : decision(null, [], [linkFromRequest.ask(NAME, { requestId: open.link })]),
  results: linkFromRequest.result,
  onResult(_state, result, ctx) {
    const r = result.value;
    if (r.outcome === "notAllowed") return decision(null, [{ ...menu(ctx), text: [say("requests:link.notAllowed")] }]);
    if (r.outcome === "already")
      return decision(null, [{ ...menu(ctx), text: [say("requests:link.already", elderParams(r.person))] }]);
    return askConsent({
      person: r.person,
      role: "REPRESENTATIVE",
      via: "AUTHORISATION",
      authorisationId: r.authorisationId,
      relativeId: r.relativeId,
    });
  },
});
