// What the bot says and does in a chat. Decisions are pure, so every path of every conversation
// can be checked without a database; the database work they ask for runs in the transaction of
// the message being answered, so a reply is never sent for a link that was not stored.
import { say } from "../../core/reply.ts";
import type { Brain, Tx } from "../../conversation/brain.ts";
import { createPolicyStore } from "../policy/policyStore.ts";
import { decide } from "./decide.ts";
import { performEffect } from "./effects.ts";
import { contact, menu } from "./menu.ts";
import type { ChatEffect, ChatResult } from "./protocol.ts";
import { chatState, STATE_VERSION, type ChatState } from "./state.ts";

export function createBrain(): Brain<ChatState, ChatEffect, ChatResult> {
  // Officers own the policy in the database: each answer checks its version, so a confirmed
  // change is used by the next answer without a restart.
  const store = createPolicyStore();
  const deps = { policy: (tx: Tx) => store.current(tx) };
  return {
    stateVersion: STATE_VERSION,
    stateSchema: chatState,
    decide,
    perform: (tx, effect, ctx) => performEffect(tx, effect, ctx, deps),
    resetReplies: (ctx) => [{ text: [say("chat:reset")] }, menu(ctx)],
    failureReplies: (ctx) => [{ text: [say("chat:failure"), contact(ctx)] }, menu(ctx)],
  };
}
