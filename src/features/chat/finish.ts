// What every decision gets on its way out, whichever flow made it:
// - a relative is spoken to as the relative: every text is read in its "_relative" wording when the
//   person selected is represented by this chat (address.ts);
// - a person is one tap away: the last reply ends with "Gặp người thật" unless it already offers
//   a person or has just called one; a last reply without any button gets the menu as well;
// - while a ticket is open, what the person typed reaches the agent too (an ID, phone or account
//   number typed inside a walkthrough is masked: the agent does not need it in full).
import type { Reply, TextRef } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import type { Decision } from "../../conversation/flow.ts";
import { redactString } from "../../lib/redact.ts";
import { ESCALATE_PREFIX } from "../hotline/protocol.ts";
import { activePerson } from "./address.ts";
import { BUTTON } from "./commands.ts";
import { fileIntoTicket } from "./flows/hotline/index.ts";
import { BACK_ROW, talkButton } from "./kit.ts";

/** `typed`: what the person typed, when it was no command; `inQuestion`: typed inside a walkthrough. */
export function finish(d: Decision, ctx: ChatContext, typed: { text: string; inQuestion: boolean } | null): Decision {
  const voiced = activePerson(ctx)?.role === "REPRESENTATIVE" ? d.replies.map(asRelative) : d.replies;
  const replies = withPerson(voiced, d);
  const effects = typed ? copyToTicket(d, typed.text, typed.inQuestion, ctx) : d.effects;
  return { ...d, replies, effects };
}

function asRelative(reply: Reply): Reply {
  const voice = (t: TextRef): TextRef => ({ key: t.key, params: { ...(t.params ?? {}), context: "relative" } });
  return {
    ...reply,
    text: reply.text.map(voice),
    ...(reply.buttons
      ? { buttons: reply.buttons.map((row) => row.map((b) => ({ ...b, label: voice(b.label) }))) }
      : {}),
  };
}

function withPerson(replies: Reply[], d: Decision): Reply[] {
  const last = replies.at(-1);
  if (!last) return replies;
  // A ticket is being opened, or has just been: its own reply says who answers and when.
  if (d.effects.some((e) => e.kind === "escalate") || last.text.some((t) => t.key.startsWith("hotline:chat.")))
    return replies;
  const offered = (last.buttons ?? [])
    .flat()
    .some((b) => b.data === BUTTON.hotline || b.data.startsWith(ESCALATE_PREFIX));
  if (offered) return replies;
  if (!last.buttons?.length) {
    // More is coming (an effect's answer): that answer gets the buttons.
    if (d.effects.length > 0) return replies;
    return [...replies.slice(0, -1), { ...last, buttons: [[...BACK_ROW, talkButton()]] }];
  }
  return [...replies.slice(0, -1), { ...last, buttons: [...last.buttons, [talkButton()]] }];
}

function copyToTicket(d: Decision, typed: string, inQuestion: boolean, ctx: ChatContext) {
  const ticket = ctx.openTicket;
  if (!ticket) return d.effects;
  if (d.effects.some((e) => e.kind === "addToTicket" || (e.kind === "escalate" && typeof e.question === "string")))
    return d.effects;
  return [...d.effects, fileIntoTicket(ticket.id, inQuestion ? redactString(typed) : typed)];
}
