// The likely cause of a wrong amount, in the officer's language (console page and command line).
import type { TFunction } from "i18next";
import { formatVnd } from "../../lib/format.ts";
import type { ReasonGuess } from "./guessReason.ts";

const NS = "entitlements:amountChecks.reason";

export function reasonText(t: TFunction, locale: string, r: ReasonGuess): string {
  switch (r.kind) {
    case "stopped":
      return t(`${NS}.stopped`, { status: t(`console:status.${r.status}`) });
    case "oldBaseLevel":
    case "unconfirmedLevel":
      return t(`${NS}.${r.kind}`, { baseLevel: formatVnd(r.baseLevel, locale) });
    case "otherCategory":
      return t(`${NS}.otherCategory`, { label: locale === "en" ? r.labelEn : r.label });
    case "severalMonths":
      return t(`${NS}.severalMonths`, { months: r.months });
    default:
      return t(`${NS}.${r.kind}`);
  }
}
