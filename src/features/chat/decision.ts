// The shape every chat flow returns, with a short constructor.
import type { Reply } from "../../core/reply.ts";
import type { Decision } from "../../conversation/brain.ts";
import type { ChatEffect } from "./protocol.ts";
import type { ChatState } from "./state.ts";

export type ChatDecision = Decision<ChatState, ChatEffect>;

export function decision(state: ChatState | null, replies: Reply[], effects: ChatEffect[] = []): ChatDecision {
  return { state, replies, effects };
}
