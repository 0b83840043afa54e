// What the amount check says to officers (console page, command line): the likely cause of a
// real difference, the level a payout matched when the policy data may be out of date, and what
// the data lacks to price a person, down to the table and row to load.
import type { TFunction } from "i18next";
import { formatVnd } from "../../lib/format.ts";
import type { PolicyGap } from "../policy/monthlyAmount.ts";
import type { ReasonGuess } from "./guessReason.ts";
import type { OtherLevelMatch } from "./otherLevel.ts";

const NS = "entitlements:amountChecks";

export function reasonText(t: TFunction, locale: string, r: ReasonGuess): string {
  switch (r.kind) {
    case "stopped":
      return t(`${NS}.reason.stopped`, { status: t(`console:status.${r.status}`) });
    case "oldBaseLevel":
      return t(`${NS}.reason.oldBaseLevel`, { baseLevel: formatVnd(r.baseLevel, locale) });
    case "otherCategory":
      return t(`${NS}.reason.otherCategory`, { label: locale === "en" ? r.labelEn : r.label });
    case "severalMonths":
      return t(`${NS}.reason.severalMonths`, { months: r.months });
    default:
      return t(`${NS}.reason.${r.kind}`);
  }
}

/** "Policy data may be out of date: the payout matches …". */
export function outdatedText(t: TFunction, locale: string, m: OtherLevelMatch): string {
  const money = (n: number) => formatVnd(n, locale);
  const intro = t(`${NS}.outdated.intro`);
  switch (m.kind) {
    case "provincialAmount":
      return `${intro} ${t(`${NS}.outdated.provincialAmount`, { amount: money(m.amount) })}`;
    case "inferredLevel":
      return `${intro} ${t(`${NS}.outdated.inferredLevel`, { baseLevel: money(m.baseLevel) })}`;
    default:
      return `${intro} ${t(`${NS}.outdated.${m.kind}`, { baseLevel: money(m.baseLevel), date: dmy(m.effectiveFrom), legalBasis: m.legalBasis })}`;
  }
}

/** Why a person cannot be priced, and what to load (never a neighbouring row's amount). */
export function gapText(t: TFunction, locale: string, g: PolicyGap): string {
  const money = (n: number) => formatVnd(n, locale);
  const label = "label" in g ? (locale === "en" ? g.labelEn : g.label) : "";
  switch (g.kind) {
    case "rateRowMissing":
      return t(`${NS}.gap.${g.tableLoaded ? "rowMissing" : "tableMissing"}`, {
        table: g.table,
        baseLevel: money(g.baseLevel),
        rate: g.rate,
        label,
      });
    case "amountMissing":
      return g.baseLevel === null
        ? t(`${NS}.gap.amountMissing`, { label })
        : t(`${NS}.gap.amountAtLevel`, { label, baseLevel: money(g.baseLevel) });
    case "repealed": {
      const replacement = g.replacedBy ? (locale === "en" ? g.replacedBy.labelEn : g.replacedBy.label) : "";
      return t(`${NS}.gap.repealed${replacement ? "" : "NoReplacement"}`, {
        label,
        date: dmy(g.effectiveTo),
        legalBasis: g.legalBasis,
        replacement,
      });
    }
    case "notYetInForce":
      return t(`${NS}.gap.notYetInForce`, { label, date: dmy(g.effectiveFrom) });
    case "noBaseLevel":
      return t(`${NS}.gap.noBaseLevel`, {
        programme: t(`policy:programme.${g.programme}`),
        month: `${g.month.slice(5, 7)}/${g.month.slice(0, 4)}`,
      });
    case "rateMissing":
      return t(`${NS}.gap.rateMissing`, { label });
    case "unknownCategory":
      return t(`${NS}.gap.unknownCategory`, { code: g.code });
    case "programmeMismatch":
      return t(`${NS}.gap.programmeMismatch`, { code: g.code, programme: t(`policy:programme.${g.programme}`) });
  }
}

function dmy(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
