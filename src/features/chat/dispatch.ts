// The bot's reaction to one message, in the order it is considered:
//   1. a command — a button or a word any flow answers to, or the start event;
//   2. a pause — a question left a while ago is offered again before anything else;
//   3. the answer to the question in progress;
//   4. a pressing question typed instead of an answer ("có người xin mã OTP");
//   5. not an answer — said, and the question asked again;
//   6. free text with no question — understood by intent (see flows/understand);
// and the result of an effect goes back to the flow that asked for it.
import { say } from "../../core/reply.ts";
import type { InboundBody } from "../../core/events.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import {
  decision,
  FlowError,
  type Active,
  type Decision,
  type FlowInput,
  type FlowState,
  type Opening,
  type Trigger,
} from "../../conversation/flow.ts";
import type { Registry } from "../../conversation/registry.ts";
import { foldVietnamese } from "../../lib/text.ts";
import type { IntentId } from "../../nlu/intents.ts";
import { BUTTON } from "./commands.ts";
import { interruption, understand, unclearCount } from "./flows/understand/index.ts";
import { menu } from "./flows/menu/replies.ts";

/** A result of an effect, addressed to the flow that asked for it. */
export interface Delivery {
  to: string;
  value: unknown;
}

export function decideMessage(reg: Registry, stored: FlowState | null, event: InboundBody, ctx: ChatContext): Decision {
  const active = stored ? activate(reg, stored) : null;
  const question = active && !active.passive ? active : null;
  const input = flowInput(event);
  const at: Opening = {
    text: input?.kind === "text" ? input.text : null,
    active: question,
    byIntent: (intent, text) => openIntent(reg, intent, ctx, { ...at, text }),
  };

  const unlinkedPhone = smsUnlinked(reg, event, ctx, question);
  if (unlinkedPhone) return unlinkedPhone;
  const command = reg.open(trigger(event));
  if (command) return command(ctx, at);
  if (!input) return decision(stored, []);
  if (question && isIdle(ctx)) return paused(question, ctx);
  if (question) {
    const next = question.step(input, ctx);
    if (next && madeProgress(question.state, next)) return next;
    const urgent = input.kind === "text" ? interruption(input.text, ctx, at) : null;
    if (urgent) return urgent;
    if (next) return next;
    return notAnAnswer(question, input, ctx);
  }
  if (input.kind === "text") {
    const shaped = reg.open({ kind: "text", text: input.text });
    if (shaped) return shaped(ctx, at);
    return understand(input.text, ctx, at, active && !isIdle(ctx) ? unclearCount(active.state) : 0);
  }
  const sorry = input.kind === "button" ? "chat:staleButton" : "chat:unsupported";
  return decision(null, [{ ...menu(ctx), text: [say(sorry)] }]);
}

export function deliver(reg: Registry, stored: FlowState | null, delivery: Delivery, ctx: ChatContext): Decision {
  const flow = reg.flow(delivery.to);
  if (!flow) throw new FlowError(delivery.to, "deliver", "a result came back for a flow that is not registered");
  const current = stored && !reg.flow(stored.flow)?.passive ? stored : null;
  const d = flow.deliver(stored, delivery.value, ctx, current);
  if (!d) throw new FlowError(delivery.to, "deliver", "a result did not fit what the flow accepts");
  return d;
}

function openIntent(reg: Registry, intent: IntentId, ctx: ChatContext, at: Opening): Decision | null {
  const opener = reg.open({ kind: "intent", intent });
  return opener ? opener(ctx, at) : null;
}

function activate(reg: Registry, state: FlowState): Active | null {
  return reg.flow(state.flow)?.activate(state) ?? null;
}

function trigger(event: InboundBody): Trigger {
  switch (event.kind) {
    case "button":
      return { kind: "button", data: event.data };
    case "start":
      return { kind: "start", payload: event.payload?.trim() || null };
    case "text": {
      // Telegram sends "/start <payload>" as text when a person types it; in groups "/start@Bot".
      const start = /^\s*\/start(?:@\w+)?(?:\s+(\S.*))?$/i.exec(event.text);
      if (start) return { kind: "start", payload: start[1]?.trim() ?? null };
      return {
        kind: "word",
        folded: foldVietnamese(event.text)
          .replace(/^\//, "")
          .replace(/[.!?…]+$/, "")
          .trim(),
      };
    }
    default:
      return { kind: "word", folded: "" };
  }
}

function flowInput(event: InboundBody): FlowInput | null {
  if (event.kind === "text") return { kind: "text", text: event.text };
  if (event.kind === "button") return { kind: "button", data: event.data };
  if (event.kind === "unsupported") return { kind: "unsupported" };
  return null;
}

/** The saved step is kept: "Tiếp tục" asks its question again. */
function paused(question: Active, ctx: ChatContext): Decision {
  void ctx;
  return decision(question.state, [
    {
      text: [say("chat:timeout.unfinished"), say("chat:timeout.ask")],
      buttons: [
        [{ label: say("chat:button.resume"), data: BUTTON.resume }],
        [{ label: say("chat:button.restart"), data: BUTTON.restart }],
        [{ label: say("chat:button.menu"), data: BUTTON.menu }],
      ],
    },
  ]);
}

/** Not an answer to the question asked: say so and ask again, keeping the question. */
function notAnAnswer(question: Active, input: FlowInput, ctx: ChatContext): Decision {
  const sorry =
    input.kind === "button"
      ? "chat:staleButton"
      : input.kind === "unsupported"
        ? "chat:unsupported"
        : "chat:notAnAnswer";
  const again = question.prompt(ctx);
  return decision(question.state, [{ ...again, text: [say(sorry), ...again.text] }]);
}

/** A step that keeps its state and asks for nothing only said the answer was not usable. */
function madeProgress(before: FlowState, next: Decision): boolean {
  return next.effects.length > 0 || JSON.stringify(next.state) !== JSON.stringify(before);
}

/**
 * A feature phone cannot press "link" nor open a page: an SMS chat that is not linked yet is first
 * checked against the numbers on record (flows/linkByPhone), whatever it asked. Help, a person,
 * stopping or restarting messages and a printed code typed in work before that, as everywhere.
 */
const OPEN_TO_ANY_PHONE: ReadonlySet<string> = new Set([
  BUTTON.help,
  BUTTON.hotline,
  BUTTON.notificationsOff,
  BUTTON.notificationsOn,
]);

function smsUnlinked(reg: Registry, event: InboundBody, ctx: ChatContext, question: Active | null): Decision | null {
  if (ctx.channel !== "SMS" || ctx.links.length > 0 || question) return null;
  if (event.kind === "button" && OPEN_TO_ANY_PHONE.has(event.data)) return null;
  if (event.kind === "text" && reg.open({ kind: "text", text: event.text })) return null;
  if (event.kind !== "text" && event.kind !== "button") return null;
  const open = reg.open({ kind: "button", data: BUTTON.linkByPhone });
  return open ? open(ctx, { text: null, active: null, byIntent: () => null }) : null;
}

function isIdle(ctx: ChatContext): boolean {
  return ctx.idleMs !== null && ctx.idleMs > ctx.settings.idleMinutes * 60_000;
}
