// What the bot says and does in a chat: the flows of flows.ts, dispatched by dispatch.ts. Decisions
// are pure, so every path of every conversation can be checked without a database; the database
// work they ask for runs in the transaction of the message being answered, and each result goes
// back to the flow that asked for it.
import { say } from "../../core/reply.ts";
import type { Brain, ChatContext, FlowEvent } from "../../conversation/brain.ts";
import type { EffectDeps, EffectRequest } from "../../conversation/effect.ts";
import { FlowError, type Decision, type FlowState } from "../../conversation/flow.ts";
import { createRegistry, type Registry } from "../../conversation/registry.ts";
import { foldVietnamese } from "../../lib/text.ts";
import { createPolicyStore } from "../policy/policyStore.ts";
import { contact } from "./address.ts";
import { decideMessage, deliver, type Delivery } from "./dispatch.ts";
import { finish } from "./finish.ts";
import { FLOWS } from "./flows.ts";
import { menu } from "./flows/menu/replies.ts";

/**
 * The version of the stored state's envelope. 1: a flow's state alone; 2: with its flow's own
 * state version ("v"), so each flow migrates its older states itself (conversation/stateVersions).
 */
export const STATE_VERSION = 2;

export type ChatBrain = Brain<FlowState, EffectRequest, Delivery> & { registry: Registry };

export function createBrain(registry: Registry = createRegistry(FLOWS)): ChatBrain {
  // Officers own the policy in the database: each answer checks its version, so a confirmed
  // change is used by the next answer without a restart.
  const store = createPolicyStore();
  const deps: EffectDeps = { policy: (tx) => store.current(tx) };
  return {
    registry,
    stateVersion: STATE_VERSION,
    restore: (raw, version) => registry.restore(raw, version),
    decide: (stored, event, ctx) => decide(registry, stored, event, ctx),
    async perform(tx, request, ctx) {
      const effect = registry.effect(request.kind);
      if (!effect) throw new FlowError(request.by, "perform", `no effect is called "${request.kind}"`);
      const value = await effect.run(tx, request, ctx, deps);
      return value === null ? null : { to: request.by, value };
    },
    resetReplies: (ctx) => [{ ...menu(ctx), text: [say("chat:reset")] }],
    failureReplies: (ctx) => [{ ...menu(ctx), text: [say("chat:failure"), contact(ctx)] }],
  };
}

function decide(registry: Registry, stored: FlowState | null, event: FlowEvent<Delivery>, ctx: ChatContext): Decision {
  if (event.kind === "result") {
    const d = finish(deliver(registry, stored, event.result, ctx), ctx, null);
    return { ...d, state: d.state ? registry.stamp(d.state) : null };
  }
  const d = decideMessage(registry, stored, event, ctx);
  // A command ("menu", "hủy") is not a message for the agent; anything else typed is.
  const typed =
    event.kind === "text" && !isCommand(registry, event.text)
      ? { text: event.text, inQuestion: stored !== null && !registry.flow(stored.flow)?.passive }
      : null;
  const done = finish(d, ctx, typed);
  return { ...done, state: done.state ? registry.stamp(done.state) : null };
}

function isCommand(registry: Registry, text: string): boolean {
  return (
    registry.open({
      kind: "word",
      folded: foldVietnamese(text)
        .replace(/^\//, "")
        .replace(/[.!?…]+$/, "")
        .trim(),
    }) !== null || /^\s*\/start\b/i.test(text)
  );
}
