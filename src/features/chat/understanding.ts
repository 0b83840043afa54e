// Free text that is neither a command nor an answer to the question asked: understood by intent.
// A confident guess is answered; a less sure one is checked with buttons of the likeliest topics
// ("Bác muốn hỏi về: ngày nhận tiền / số tiền / …"); a second unclear message in a row gets the
// hotline, because guessing again would only frustrate.
import { btn, message, say, type Button } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { classifyIntent, CONFIDENT } from "../../nlu/classifier.ts";
import { normaliseVietnamese } from "../../nlu/normalise.ts";
import { foldVietnamese } from "../../lib/text.ts";
import type { IntentId } from "../../nlu/intents.ts";
import { BUTTON, INTENT_PREFIX } from "./commands.ts";
import { decision, type ChatDecision } from "./decision.ts";
import { startEligibility } from "./eligibilityGuide.ts";
import { activePerson, menu, notUnderstood, welcome } from "./menu.ts";
import { explainAmount, showPayouts } from "./payoutAnswers.ts";
import { deathAnswer, documentsAnswer, scamWarning } from "./safety.ts";
import { startEscalation, withTicket } from "../hotline/chatStep.ts";
import { reportedTopic, type ReportedTopic } from "../hotline/escalationRules.ts";
import { requestCommand } from "./requestRouting.ts";
import type { ClarifyState } from "./state.ts";

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
  documents_needed: "chat:topic.documentsNeeded",
};

/**
 * Intents worth leaving an unfinished question for: someone typing "có người xin mã OTP" while
 * being asked their date of birth needs the warning now.
 */
const URGENT_ENOUGH = new Set<IntentId>(["scam_check", "report_death", "talk_to_human", "payout_schedule", "payout_amount", "payout_missing", "documents_needed"]);

/** Free text with no question open; `unclearBefore` counts the unclear messages just before it. */
export function understand(text: string, ctx: ChatContext, unclearBefore: number): ChatDecision {
  // "có khoản truy lĩnh", "why more this month": the month's explanation says which months and why.
  if (asksWhyMore(text)) return explainAmount(null, ctx);
  const c = classifyIntent(text);
  const reported = reportedTopic(text, c);
  if (reported) return answerReport(reported, text, ctx);
  const bareMoneyWord = PAYOUT_TOPICS.some((t) => t === c.intent) && normaliseVietnamese(text).tokens.length === 1;
  if (c.intent !== "unknown" && c.confidence >= CONFIDENT && !bareMoneyWord) return answerIntent(c.intent, ctx);
  // Guessing a third time would only frustrate: a person takes over, with what was asked.
  if (unclearBefore >= 1) return startEscalation("unclear", text);
  const unclear: ClarifyState = { flow: "clarify", step: "chooseTopic", unclear: unclearBefore + 1 };
  // A lone "tiền" names a subject, not a question: ask which question about the money.
  const choices = bareMoneyWord ? [...PAYOUT_TOPICS] : likelyTopics(c);
  if (choices.length === 0) return decision(unclear, notUnderstood(ctx));
  const rows: Button[][] = choices.map((i) => [btn(TOPIC_LABEL[i], `${INTENT_PREFIX}${i}`)]);
  return decision(unclear, [{ text: [say("chat:clarify.ask")], buttons: [...rows, [btn("chat:button.menu", BUTTON.menu)]] }]);
}

/** Free text in the middle of a question that is no answer to it: a clear, pressing request wins. */
export function interruption(text: string, ctx: ChatContext): ChatDecision | null {
  const c = classifyIntent(text);
  const reported = reportedTopic(text, c);
  if (reported) return answerReport(reported, text, ctx);
  return c.confidence >= CONFIDENT && URGENT_ENOUGH.has(c.intent) ? answerIntent(c.intent, ctx) : null;
}

export function answerIntent(intent: IntentId, ctx: ChatContext): ChatDecision {
  switch (intent) {
    case "payout_schedule":
      return showPayouts("next", ctx);
    case "payout_amount":
      return showPayouts("amount", ctx);
    case "payout_explain":
      return explainAmount(null, ctx);
    case "payout_missing":
      return showPayouts("missing", ctx);
    case "entitlement_info":
      return startEligibility();
    case "authorise_relative":
      return requestCommand("authorise", ctx);
    case "open_account":
    case "change_payout_method":
      return requestCommand("account", ctx);
    case "update_info":
      return requestCommand("change", ctx);
    case "report_death":
      // Only a linked chat can report it for the record; anyone gets the explanation. Either way a
      // person follows up with the family.
      return activePerson(ctx) ? withTicket(requestCommand("death", ctx), "death", ctx) : deathAnswer({ ticket: true });
    case "talk_to_human":
      return startEscalation("talk_to_human");
    case "scam_check":
      return scamWarning(ctx);
    case "link_identity":
      return linkChoices(ctx);
    case "documents_needed":
      return documentsAnswer(ctx);
    case "greeting":
      return decision(null, welcome(ctx));
    case "thanks":
      return decision(null, [message("chat:thanks"), menu(ctx)]);
    case "unknown":
      return decision(null, notUnderstood(ctx));
  }
}

/**
 * Something that happened and always needs a person: a scam (the warning first, it may still stop
 * a loss) or a complaint. The person's words open the ticket.
 */
function answerReport(topic: ReportedTopic, text: string, ctx: ChatContext): ChatDecision {
  return topic === "fraud" ? withTicket(scamWarning(ctx), "fraud", ctx, text) : withTicket(decision(null, []), "complaint", ctx, text);
}

/** The ways to link: the first link for a new chat, or one more person for a linked one. */
export function linkChoices(ctx: ChatContext): ChatDecision {
  const linkRows = [[btn("chat:button.linkByCode", BUTTON.linkByCode)], [btn("chat:button.linkById", BUTTON.linkById)]];
  const text = activePerson(ctx) ? say("chat:add.how") : say("chat:link.how");
  return decision(null, [{ text: [text], buttons: [...linkRows, [btn("chat:button.menu", BUTTON.menu)]] }]);
}

function asksWhyMore(text: string): boolean {
  const folded = foldVietnamese(text);
  return /\btruy linh\b|\bback ?pay\b|\b(more|higher) (money )?this month\b/.test(folded);
}

function isTopic(intent: IntentId): intent is Topic {
  return Object.hasOwn(TOPIC_LABEL, intent);
}

function likelyTopics(c: ReturnType<typeof classifyIntent>): Topic[] {
  const ranked = [{ intent: c.intent, confidence: c.confidence }, ...c.alternatives];
  const floor = c.intent === "unknown" ? MIN_CHOICE_AFTER_UNKNOWN : MIN_CHOICE;
  const out: Topic[] = [];
  for (const r of ranked) {
    if (!isTopic(r.intent) || r.confidence < floor || out.includes(r.intent)) continue;
    out.push(r.intent);
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}
