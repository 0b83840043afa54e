// The totals row of the reach report: the communes' counts added up.
import type { CommuneReach } from "./reachByCommune.ts";

export type ReachCounts = Pick<
  CommuneReach,
  "total" | "ownChat" | "relativeChat" | "phoneOnly" | "none" | "noticesOff"
>;

export function reachTotals(rows: ReachCounts[]): ReachCounts {
  const sum = (k: keyof ReachCounts) => rows.reduce((n, r) => n + r[k], 0);
  return {
    total: sum("total"),
    ownChat: sum("ownChat"),
    relativeChat: sum("relativeChat"),
    phoneOnly: sum("phoneOnly"),
    none: sum("none"),
    noticesOff: sum("noticesOff"),
  };
}
