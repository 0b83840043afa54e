// The question sent after a ticket was resolved, with one button per answer.
import { btn, say, type Reply } from "../../core/reply.ts";
import { RATE_PREFIX } from "./protocol.ts";

export function satisfactionQuestion(number: number): Reply {
  return {
    text: [say("hotline:chat.resolved", { number }), say("hotline:chat.rateAsk")],
    buttons: [
      [btn("hotline:chat.rate.3", `${RATE_PREFIX}${number}:3`)],
      [btn("hotline:chat.rate.2", `${RATE_PREFIX}${number}:2`)],
      [btn("hotline:chat.rate.1", `${RATE_PREFIX}${number}:1`)],
    ],
  };
}
