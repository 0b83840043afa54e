// The columns of the list behind a dashboard figure, by the list's family: headers and the values
// of one row (texts translated; amounts as numbers, times as dates), for the page and the file;
// and the terms both explain.
import type { TFunction } from "i18next";
import { FAMILY_OF, type ListFigure, type ListRow } from "./figureLists.ts";

export type ListValue = string | number | Date | null;

const NS = "dashboard";

/** The terms explained under the page and in the dashboard file (`dashboard:define.<term>`). */
export const DEFINITIONS = [
  "share",
  "linkedOwn",
  "linkedRelative",
  "reach",
  "notices",
  "broadcasts",
  "uncollected",
  "requestsPending",
  "ticketsBreached",
  "behind",
] as const;
const REACH_KEY: Record<string, string> = {
  OWN_CHAT: "ownChat",
  RELATIVE_CHAT: "relativeChat",
  PHONE_ONLY: "phoneOnly",
  NONE: "none",
};

export function listColumns(
  t: TFunction,
  figure: ListFigure,
): { headers: string[]; values: (r: ListRow) => ListValue[] } {
  const col = (k: string) => t(`${NS}:list.${k}`);
  switch (FAMILY_OF[figure]) {
    case "people":
      return {
        headers: [col("name"), col("commune"), col("phone"), col("address"), col("reach")],
        values: (r) => [
          r.fullName,
          r.communeName,
          r.c1,
          r.c2,
          r.c3 ? t(`${NS}:figure.${REACH_KEY[r.c3] ?? "none"}`) : null,
        ],
      };
    case "payouts":
      return {
        headers: [col("name"), col("commune"), col("method"), col("status"), col("amount")],
        values: (r) => [
          r.fullName,
          r.communeName,
          r.c1 ? t(`console:method.${r.c1}`) : null,
          r.c2 ? t(`console:payoutStatus.${r.c2}`) : null,
          r.amount,
        ],
      };
    case "notices":
      return {
        headers: [
          col("name"),
          col("commune"),
          col("notice"),
          col("channel"),
          col("delivery"),
          col("reason"),
          col("at"),
        ],
        values: (r) => [
          r.fullName,
          r.communeName,
          t(`${NS}:noticeKind.${r.c1 ?? ""}`),
          t(`${NS}:channel.${r.c2 ?? ""}`),
          t(`${NS}:delivery.${r.c3 ?? ""}`),
          r.c4,
          r.at,
        ],
      };
    case "broadcasts":
      return {
        headers: [
          col("name"),
          col("commune"),
          col("message"),
          col("channel"),
          col("delivery"),
          col("reason"),
          col("at"),
        ],
        values: (r) => [
          r.fullName,
          r.communeName,
          r.c1,
          r.c2 ? t(`${NS}:channel.${r.c2}`) : null,
          t(`${NS}:delivery.${r.c3 ?? ""}`),
          r.c4 ? t(`broadcasts:console.reason.${r.c4}`, { defaultValue: r.c4 }) : null,
          r.at,
        ],
      };
    case "requests":
      return {
        headers: [col("name"), col("commune"), col("request"), col("submitted")],
        values: (r) => [r.fullName, r.communeName, t(`requests:kind.${r.c1 ?? ""}`), r.at],
      };
    case "tickets":
      return {
        headers: [col("ticket"), col("name"), col("commune"), col("topic"), col("status"), col("priority"), col("due")],
        values: (r) => [
          `#${r.id}`,
          r.fullName,
          r.communeName,
          r.c1,
          t(`hotline:console.status.${r.c2 ?? ""}`),
          t(`hotline:console.priority.${r.c3 ?? ""}`),
          r.at,
        ],
      };
  }
}
