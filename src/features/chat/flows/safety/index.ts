// Answers that keep people safe whatever their record says: what to bring when collecting, and how
// scams look. The rule worth repeating most comes first — never give anyone an OTP, password or
// card details; the commune never asks for them — and the usual tricks are one tap further.
import { btn, say } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { contact } from "../../address.ts";
import { BUTTON } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { escalateButton } from "../hotline/index.ts";

const SCAM_EXAMPLES = "scam:more";

type Open = "documents" | "scam" | "examples";

export function documentsAnswer(ctx: ChatContext): Decision {
  return decision(null, [
    {
      text: [
        say("payouts:documents.self"),
        say("payouts:documents.relative"),
        say("payouts:documents.lost"),
        contact(ctx),
      ],
      buttons: [BACK_ROW],
    },
  ]);
}

export function scamWarning(ctx: ChatContext): Decision {
  return decision(null, [
    {
      text: [say("chat:scam.rule"), say("chat:scam.communeNever"), say("chat:scam.whatToDo"), contact(ctx)],
      buttons: [[btn("chat:button.scamExamples", SCAM_EXAMPLES)], [escalateButton("fraud")], BACK_ROW],
    },
  ]);
}

function examples(): Decision {
  return decision(null, [
    {
      text: [
        say("chat:scam.examplesTitle"),
        say("chat:scam.exampleCalls"),
        say("chat:scam.exampleLinks"),
        say("chat:scam.exampleFees"),
        say("chat:scam.exampleGifts"),
      ],
      buttons: [[escalateButton("fraud")], BACK_ROW],
    },
  ]);
}

export const safetyFlow = defineFlow<never, Open>({
  name: "safety",
  opens: {
    buttons: { [BUTTON.documents]: "documents", [BUTTON.scam]: "scam", [SCAM_EXAMPLES]: "examples" },
    intents: { documents_needed: "documents", scam_check: "scam" },
  },
  start: (open, ctx) => (open === "documents" ? documentsAnswer(ctx) : open === "scam" ? scamWarning(ctx) : examples()),
});
