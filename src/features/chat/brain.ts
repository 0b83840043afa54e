// What the bot says and does in a chat. Decisions are pure, so every path of every conversation
// can be checked without a database; the database work they ask for runs in the transaction of
// the message being answered, so a reply is never sent for a link that was not stored.
import { say } from "../../core/reply.ts";
import type { Brain } from "../../conversation/brain.ts";
import { loadPolicy, type Policy } from "../policy/loadPolicy.ts";
import { decide } from "./decide.ts";
import { performEffect } from "./effects.ts";
import { contact, menu } from "./menu.ts";
import type { ChatEffect, ChatResult } from "./protocol.ts";
import { chatState, STATE_VERSION, type ChatState } from "./state.ts";

export function createBrain(): Brain<ChatState, ChatEffect, ChatResult> {
  // Read on first use and kept: the files change only with a new release (and a restart).
  let policy: Promise<Policy> | null = null;
  const deps = {
    policy(): Promise<Policy> {
      policy ??= loadPolicy().catch((err: unknown) => {
        policy = null;
        throw err;
      });
      return policy;
    },
  };
  return {
    stateVersion: STATE_VERSION,
    stateSchema: chatState,
    decide,
    perform: (tx, effect, ctx) => performEffect(tx, effect, ctx, deps),
    resetReplies: (ctx) => [{ text: [say("chat:reset")] }, menu(ctx)],
    failureReplies: (ctx) => [{ text: [say("chat:failure"), contact(ctx)] }, menu(ctx)],
  };
}
