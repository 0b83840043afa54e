// A month's money in plain words, one idea per message: how the amount is made (the rule and the
// numbers, the province's level next to the national one), what the payout holds (back pay with
// its months and reason), what changed since last month, and, gently, how the list stands against
// the rules. Category names come in both languages from the policy data, so each text gets the
// Vietnamese and the English name and uses the one of its language.
import { say, type Reply, type TextRef } from "../../core/reply.ts";
import type { AmountLine } from "../policy/monthlyAmount.ts";
import type { MonthExplanation } from "./explain.ts";
import type { MonthChange } from "./monthChanges.ts";
import { backPayTexts, gapTexts, monthText, skippedTexts, verdictTexts } from "./verdictTexts.ts";

const NS = "entitlements:explain";
const SOCIAL_PENSION = "SOCIAL_PENSION";

/**
 * The same explanation in its parts, each one message of the chat: how the amount is made, what
 * the payout holds, what changed since last month, how the list stands against the rules, and a
 * newer level not confirmed yet. Printed slips lay the parts out under their own headings; the
 * words are the chat's.
 */
export interface ExplanationParts {
  amount: TextRef[];
  paid: TextRef[];
  changes: TextRef[];
  verdict: TextRef[];
  unconfirmed: TextRef[];
}

export function explanationParts(e: MonthExplanation): ExplanationParts {
  return {
    amount: amountTexts(e),
    paid: paidTexts(e),
    changes: changeTexts(e),
    verdict: verdictTexts(e),
    unconfirmed: e.unconfirmedLevel
      ? [
          say(`${NS}.unconfirmed`, {
            amount: { vnd: e.unconfirmedLevel.amount },
            date: { date: e.unconfirmedLevel.effectiveFrom },
          }),
        ]
      : [],
  };
}

export function explanationReplies(e: MonthExplanation): Reply[] {
  const p = explanationParts(e);
  // The amount and the payout are always said; the rest only when there is something to say.
  return [p.amount, p.paid, p.changes, p.verdict, p.unconfirmed]
    .filter((text, i) => i < 2 || text.length > 0)
    .map((text) => ({ text }));
}

function amountTexts(e: MonthExplanation): TextRef[] {
  const month = monthText(e.month);
  if (e.stopped) return [say(`${NS}.stopped.${e.stopped.status}`, { month })];
  if (e.gap) return gapTexts(e.gap, e.month);
  if (!e.expected) return [say(`${NS}.notYet`, { month })];
  const texts = [say(`${NS}.total`, { month, total: { vnd: e.expected.total } })];
  for (const line of e.expected.lines) texts.push(lineText(e, line));
  const paidCodes = e.expected.lines.map((l) => l.categoryCode);
  const pensionInvolved = [...paidCodes, ...e.notPaid.map((n) => n.categoryCode)].includes(SOCIAL_PENSION);
  if (e.notPaid.length && pensionInvolved) {
    texts.push(say(`${NS}.pensionOrAssistance`, { amount: { vnd: e.expected.lines[0]?.amount ?? 0 } }));
  } else if (e.notPaid.length) {
    texts.push(
      say(`${NS}.highestOnly`, {
        others: e.notPaid.map((n) => n.label).join("; "),
        othersEn: e.notPaid.map((n) => n.labelEn).join("; "),
      }),
    );
  }
  return [...texts, ...skippedTexts(e.skipped)];
}

function lineText(e: MonthExplanation, l: AmountLine): TextRef {
  const common = { label: l.label, labelEn: l.labelEn, amount: { vnd: l.amount }, legalBasis: l.legalBasis };
  if (l.provincial) {
    // Both layers, so the person sees why the province's amount is paid and not the national one.
    return say(`${NS}.line.provincial.${l.provincial.kind}`, {
      ...common,
      national: { vnd: l.national },
      own: { vnd: l.provincial.amount },
      resolution: l.provincial.resolutionNo,
      coefficient: { decimal: l.coefficient ?? 0 },
    });
  }
  if (l.baseLevel === null) return say(`${NS}.line.${l.kind === "SUPPLEMENT" ? "fixedSupplement" : "fixed"}`, common);
  if (l.coefficient === null) {
    if (l.rate !== null) return say(`${NS}.line.injury`, { ...common, rate: l.rate });
    return say(`${NS}.line.${l.kind === "SUPPLEMENT" ? "atLevelSupplement" : "atLevel"}`, {
      ...common,
      base: { vnd: l.baseLevel },
    });
  }
  const numbers = { ...common, base: { vnd: l.baseLevel }, coefficient: { decimal: l.coefficient } };
  if (l.kind === "SUPPLEMENT" && l.rate !== null) return say(`${NS}.line.perChild`, { ...numbers, count: l.rate });
  return say(`${NS}.line.${e.programme === "NCC" ? "multiple" : "coefficient"}`, numbers);
}

function paidTexts(e: MonthExplanation): TextRef[] {
  const month = monthText(e.month);
  if (!e.paid) return [say(`${NS}.noPayout`, { month })];
  const texts = [say(`${NS}.paid.${e.paid.status}`, { month, amount: { vnd: e.paid.amount } })];
  const backPay = e.paid.lines.filter((l) => l.kind === "BACK_PAY").reduce((s, l) => s + l.amount, 0);
  if (backPay > 0) texts.push(...backPayTexts(e.backPay, backPay));
  for (const l of e.paid.lines) {
    if (l.kind === "MONTHLY" || l.kind === "SUPPLEMENT" || l.kind === "BACK_PAY") continue;
    texts.push(say(`${NS}.paidLine.${l.kind}`, { amount: { vnd: Math.abs(l.amount) }, label: l.label }));
  }
  return texts;
}

function changeTexts(e: MonthExplanation): TextRef[] {
  const previous = monthText(e.previous.month);
  if (e.changes.length === 0) {
    const before = e.previous.paid ?? e.previous.expected;
    const now = e.paid?.amount ?? e.expected?.total;
    return before !== null && before === now ? [say(`${NS}.change.same`, { previous })] : [];
  }
  return [say(`${NS}.change.intro`, { previous }), ...e.changes.map(changeText)];
}

function changeText(c: MonthChange): TextRef {
  const amount = { vnd: Math.abs(c.amount) };
  const way = c.amount >= 0 ? "more" : "less";
  const d = c.detail;
  switch (c.reason) {
    case "baseLevel":
      return say(`${NS}.change.baseLevel.${way}`, {
        amount,
        from: { vnd: num(d.from) },
        to: { vnd: num(d.to) },
        date: { date: str(d.effectiveFrom) },
        legalBasis: str(d.legalBasis),
      });
    case "suspension":
      return say(`${NS}.change.suspension.${str(d.status)}`, { amount });
    case "category":
      return d.from
        ? say(`${NS}.change.category.${way}`, {
            amount,
            from: str(d.from),
            fromEn: str(d.fromEn),
            to: str(d.to),
            toEn: str(d.toEn),
          })
        : say(`${NS}.change.category.started`, { amount, to: str(d.to), toEn: str(d.toEn) });
    case "deduction":
      // A deduction line is negative: more deducted means less money.
      return say(`${NS}.change.deduction.${way === "less" ? "more" : "less"}`, { amount, label: str(d.label) });
    default:
      return say(`${NS}.change.${c.reason}.${way}`, { amount, label: str(d.label) });
  }
}

function num(v: string | number | undefined): number {
  return typeof v === "number" ? v : Number(v ?? 0);
}

function str(v: string | number | undefined): string {
  return v === undefined ? "" : String(v);
}
