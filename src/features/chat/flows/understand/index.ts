// Free text that is neither a command nor an answer to a question: understood by intent, the
// question found even inside a long story (nlu/focus.ts). A confident guess opens the flow that
// answers it; a less sure one is checked with buttons of the likeliest topics ("Bác muốn hỏi về:
// ngày nhận tiền / số tiền / …"); a second unclear message in a row gets a person, because guessing
// again would only frustrate. While a ticket is open, what the bot cannot answer goes to the agent.
import { z } from "zod";
import { btn, say, type Button } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision, type Opening } from "../../../../conversation/flow.ts";
import { foldVietnamese } from "../../../../lib/text.ts";
import { CONFIDENT } from "../../../../nlu/classifier.ts";
import { understandMessage, type Understood } from "../../../../nlu/focus.ts";
import { isIntentId, type IntentId } from "../../../../nlu/intents.ts";
import { normaliseVietnamese } from "../../../../nlu/normalise.ts";
import { reportedTopic, type ReportedTopic } from "../../../hotline/escalationRules.ts";
import { INTENT_PREFIX } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { fileIntoTicket, startEscalation, withTicket } from "../hotline/index.ts";
import { notUnderstood } from "../menu/replies.ts";
import { scamWarning } from "../safety/index.ts";

const NAME = "understand";

/** Topics offered when unsure: the likeliest two or three, leaving out the ones with no real chance. */
const MAX_CHOICES = 3;
const MIN_CHOICE = 0.03;
/** When the best guess is "nothing we do", another topic is offered only with a fair chance. */
const MIN_CHOICE_AFTER_UNKNOWN = 0.15;

/** What can be offered as a choice: a hello, a thank-you or "nothing we do" is no topic. */
type Topic = Exclude<IntentId, "unknown" | "greeting" | "thanks">;
const PAYOUT_TOPICS: readonly Topic[] = ["payout_schedule", "payout_amount", "payout_missing"];
const TOPIC_LABEL: Record<Topic, string> = {
  payout_schedule: "chat:topic.payoutSchedule",
  payout_amount: "chat:topic.payoutAmount",
  payout_explain: "chat:topic.payoutExplain",
  payout_missing: "chat:topic.payoutMissing",
  entitlement_info: "chat:topic.entitlementInfo",
  authorise_relative: "chat:topic.authoriseRelative",
  open_account: "chat:topic.openAccount",
  change_payout_method: "chat:topic.changePayoutMethod",
  update_info: "chat:topic.updateInfo",
  report_death: "chat:topic.reportDeath",
  talk_to_human: "chat:topic.talkToHuman",
  scam_check: "chat:topic.scamCheck",
  link_identity: "chat:topic.linkIdentity",
  request_status: "chat:topic.requestStatus",
  documents_needed: "chat:topic.documentsNeeded",
};

/**
 * Intents worth leaving an unfinished question for: someone typing "có người xin mã OTP" while
 * being asked their date of birth needs the warning now.
 */
const URGENT_ENOUGH = new Set<IntentId>([
  "scam_check",
  "report_death",
  "talk_to_human",
  "payout_schedule",
  "payout_amount",
  "payout_missing",
  "documents_needed",
  "request_status",
]);

const FOR_THE_AGENT = new Set<IntentId>(["greeting", "thanks", "unknown", "talk_to_human"]);

/** No question is open, but the last messages could not be understood. */
const understandState = z.object({ flow: z.literal(NAME), unclear: z.number().int().min(1).max(10) });
type UnderstandState = z.infer<typeof understandState>;

/** Free text with no question open; `unclearBefore` counts the unclear messages just before it. */
export function understand(text: string, ctx: ChatContext, at: Opening, unclearBefore: number): Decision {
  // "có khoản truy lĩnh", "why more this month": the month's explanation says which months and why.
  const whyMore = asksWhyMore(text) ? at.byIntent("payout_explain", text) : null;
  if (whyMore) return whyMore;
  const u = understandMessage(text);
  const reported = reportedTopic(u.focus, u);
  if (reported) return answerReport(reported, text, ctx);
  const bareMoneyWord = PAYOUT_TOPICS.some((t) => t === u.intent) && normaliseVietnamese(text).tokens.length === 1;
  // While a ticket is open, a question the bot can answer is answered (and copied to the agent);
  // small talk and anything meant for the agent goes to the agent only.
  const forAgent = ctx.openTicket && FOR_THE_AGENT.has(u.intent);
  if (u.intent !== "unknown" && u.confidence >= CONFIDENT && !bareMoneyWord && !forAgent) {
    const answered = at.byIntent(u.intent, text);
    if (answered) return answered;
  }
  if (ctx.openTicket) {
    return decision(
      null,
      [{ text: [say("hotline:chat.added", { number: ctx.openTicket.number })], buttons: [BACK_ROW] }],
      [fileIntoTicket(ctx.openTicket.id, text)],
    );
  }
  // Guessing a third time would only frustrate: a person takes over, with what was asked.
  if (unclearBefore >= 1) return startEscalation("unclear", text);
  const unclear: UnderstandState = { flow: NAME, unclear: unclearBefore + 1 };
  // A lone "tiền" names a subject, not a question: ask which question about the money.
  const choices = bareMoneyWord ? [...PAYOUT_TOPICS] : likelyTopics(u);
  if (choices.length === 0) return decision(unclear, notUnderstood(ctx));
  const rows: Button[][] = choices.map((i) => [btn(TOPIC_LABEL[i], `${INTENT_PREFIX}${i}`)]);
  return decision(unclear, [{ text: [say("chat:clarify.ask")], buttons: [...rows, BACK_ROW] }]);
}

/** Free text in the middle of a question that is no answer to it: a clear, pressing request wins. */
export function interruption(text: string, ctx: ChatContext, at: Opening): Decision | null {
  const u = understandMessage(text);
  const reported = reportedTopic(u.focus, u);
  if (reported) return answerReport(reported, text, ctx);
  return u.confidence >= CONFIDENT && URGENT_ENOUGH.has(u.intent) ? at.byIntent(u.intent, text) : null;
}

/**
 * Something that happened and always needs a person: a scam (the warning first, it may still stop
 * a loss) or a complaint. The person's words open the ticket.
 */
function answerReport(topic: ReportedTopic, text: string, ctx: ChatContext): Decision {
  return topic === "fraud"
    ? withTicket(scamWarning(ctx), "fraud", ctx, text)
    : withTicket(decision(null, []), "complaint", ctx, text);
}

function asksWhyMore(text: string): boolean {
  return /\btruy linh\b|\bback ?pay\b|\b(more|higher) (money )?this month\b/.test(foldVietnamese(text));
}

function isTopic(intent: IntentId): intent is Topic {
  return Object.hasOwn(TOPIC_LABEL, intent);
}

function likelyTopics(u: Understood): Topic[] {
  const ranked = [{ intent: u.intent, confidence: u.confidence }, ...u.alternatives];
  const floor = u.intent === "unknown" ? MIN_CHOICE_AFTER_UNKNOWN : MIN_CHOICE;
  const out: Topic[] = [];
  for (const r of ranked) {
    if (!isTopic(r.intent) || r.confidence < floor || out.includes(r.intent)) continue;
    out.push(r.intent);
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

/** The count of unclear messages, when the chat's state remembers one. */
export function unclearCount(state: unknown): number {
  const parsed = understandState.safeParse(state);
  return parsed.success ? parsed.data.unclear : 0;
}

export const understandFlow = defineFlow<UnderstandState, { intent: IntentId }>({
  name: NAME,
  // Version 1 stored this as { flow: "clarify", step: "chooseTopic", unclear }.
  state: {
    schema: understandState,
    version: 2,
    formerNames: ["clarify"],
    migrations: {
      1: z
        .object({ flow: z.literal("clarify"), unclear: z.number().int() })
        .transform((s) => ({ flow: NAME, unclear: s.unclear })),
    },
  },
  passive: true,
  opens: { prefixes: [{ prefix: INTENT_PREFIX, read: (intent) => (isIntentId(intent) ? { intent } : null) }] },
  start: (open, ctx, at) => at.byIntent(open.intent, null) ?? decision(null, notUnderstood(ctx)),
});
