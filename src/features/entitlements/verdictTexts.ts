// The parts of a month's explanation that say how the payout stands: back pay (which months and
// why), a month paid before a raise could be applied, a level the data lacks (the money is not
// wrong), what the data cannot compute (the commune confirms), and a real difference.
import { say, type TextRef } from "../../core/reply.ts";
import type { PolicyGap } from "../policy/monthlyAmount.ts";
import type { BackPayOwed } from "./backPay.ts";
import type { MonthExplanation } from "./explain.ts";

const NS = "entitlements:explain";

/** "2024-07-01" → "07/2024", the way months are written on payout notices. */
export function monthText(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** A repeal is said from the first day it applies: the day after the category's last day. */
function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The back pay paid this month: the months it makes up and the raise behind it. */
export function backPayTexts(owed: BackPayOwed[], paid: number): TextRef[] {
  if (owed.length === 0) return [say(`${NS}.paidLine.BACK_PAY`, { amount: { vnd: paid } })];
  const total = owed.reduce((s, o) => s + o.total, 0);
  const texts = [say(`${NS}.backPay.paid`, { amount: { vnd: paid } })];
  for (const o of owed) texts.push(raiseText(o));
  if (total !== paid) texts.push(say(`${NS}.backPay.other`, { owed: { vnd: total } }));
  return texts;
}

/** "The allowance rose from … to … from 07/2026 under …; applied from …, so 07/2026, 08/2026 … were paid at the old amount." */
export function raiseText(o: BackPayOwed): TextRef {
  const first = o.months[0];
  const perMonth = new Set(o.months.map((m) => m.after - m.before));
  return say(`${NS}.backPay.why`, {
    count: o.months.length,
    months: o.months.map((m) => monthText(m.month)).join(", "),
    before: { vnd: first?.before ?? 0 },
    after: { vnd: first?.after ?? 0 },
    from: monthText(o.level.effectiveFrom),
    legalBasis: o.level.legalBasis,
    applied: { date: o.level.appliedFrom ?? o.level.effectiveFrom },
    total: { vnd: o.total },
    perMonth: { vnd: perMonth.size === 1 ? [...perMonth][0]! : 0 },
  });
}

/** Nothing owed can be computed: why, in the person's words (the officer sees the details). */
export function gapTexts(gap: PolicyGap, month: string): TextRef[] {
  if (gap.kind === "repealed") {
    return [
      say(`${NS}.repealed.${gap.replacedBy ? "replaced" : "ended"}`, {
        label: gap.label,
        labelEn: gap.labelEn,
        date: { date: dayAfter(gap.effectiveTo) },
        legalBasis: gap.legalBasis,
        replacement: gap.replacedBy?.label ?? "",
        replacementEn: gap.replacedBy?.labelEn ?? "",
      }),
      say(`${NS}.repealed.askCommune`),
    ];
  }
  return [say(`${NS}.communeConfirms`, { month: monthText(month) })];
}

/** Categories on file that the law had ended: not paid, and what replaced them. */
export function skippedTexts(skipped: PolicyGap[]): TextRef[] {
  return skipped.flatMap((g) =>
    g.kind === "repealed"
      ? [
          say(`${NS}.repealed.notPaid`, {
            label: g.label,
            labelEn: g.labelEn,
            date: { date: dayAfter(g.effectiveTo) },
            legalBasis: g.legalBasis,
          }),
        ]
      : [],
  );
}

/** How the payout stands against the policy, when it does not simply agree. */
export function verdictTexts(e: MonthExplanation): TextRef[] {
  const v = e.verdict;
  if (!v) return [];
  switch (v.kind) {
    case "backPayInTotal":
      return [
        say(`${NS}.backPay.inTotal`, {
          paid: { vnd: v.paid },
          expected: { vnd: v.expected },
          backPay: { vnd: v.paid - v.expected },
        }),
        ...v.backPay.map(raiseText),
      ];
    case "beforeRaise":
      return [
        say(`${NS}.backPay.beforeRaise`, {
          month: monthText(e.month),
          paid: { vnd: v.paid },
          expected: { vnd: v.expected },
          legalBasis: v.backPay.level.legalBasis,
          applied: { date: v.backPay.level.appliedFrom ?? v.backPay.level.effectiveFrom },
          difference: { vnd: v.expected - v.paid },
        }),
        say(`${NS}.notWrong`),
      ];
    case "otherLevel":
      return [say(`${NS}.otherLevel`, { paid: { vnd: v.paid } }), say(`${NS}.notWrong`)];
    case "mismatch":
      return [
        say(`${NS}.mismatch.differs`, { paid: { vnd: v.paid }, expected: { vnd: v.expected } }),
        say(`${NS}.mismatch.reported`),
      ];
    default:
      return [];
  }
}
