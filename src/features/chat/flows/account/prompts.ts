// What the account walkthrough says at each step: the choice of account, a plain guide for each
// (steps, what to bring, the face check, fees, safety), the provider, the number, the summary.
import { btn, say, type Reply } from "../../../../core/reply.ts";
import { PROVIDERS } from "../../../requests/providers.ts";
import { monthLabel, type AccountType } from "../../../requests/requestData.ts";
import { CANCEL_ROW, progress, RQ } from "../requests/common.ts";
import type { AccountState, AccountStep } from "../requests/states.ts";

const TYPES: AccountType[] = ["BANK", "EWALLET", "MOBILE_MONEY", "VNEID", "CASH"];

const NUMBER: Record<AccountStep, number> = {
  type: 1,
  guide: 2,
  cashKind: 2,
  provider: 3,
  accountNumber: 4,
  holderName: 4,
  confirm: 5,
};

export function accountProgress(state: AccountState, step: AccountStep): { n: number; total: number } {
  // Going back to cash has three steps: the choice, where to collect, the summary.
  if (state.draft.type === "CASH") return { n: step === "confirm" ? 3 : NUMBER[step], total: 3 };
  return { n: NUMBER[step], total: 5 };
}

export function accountPrompt(state: AccountState, step: AccountStep): Reply[] {
  const { n, total } = accountProgress(state, step);
  const head = progress(n, total);
  const type = state.draft.type ?? "BANK";
  switch (step) {
    case "type":
      return [
        {
          text: [head, say("requests:account.askType")],
          buttons: [...TYPES.map((t) => [btn(`requests:account.type.${t}`, `${RQ.type}${t}`)]), CANCEL_ROW],
        },
      ];
    case "guide":
      return guide(head, type);
    case "provider": {
      const list = type === "CASH" ? [] : PROVIDERS[type];
      return [
        {
          text: [head, say("requests:account.askProvider"), say("requests:account.providerHint")],
          buttons: [
            ...pairs(list.map((p, i) => btn("requests:button.provider", `${RQ.provider}${i}`, { name: p }))),
            CANCEL_ROW,
          ],
        },
      ];
    }
    case "accountNumber":
      return [
        ask([
          head,
          say(byPhone(state) ? "requests:account.askPhoneNumber" : "requests:account.askNumber", {
            provider: state.draft.provider ?? "",
          }),
          say(byPhone(state) ? "requests:example.phone" : "requests:example.account"),
        ]),
      ];
    case "holderName":
      return [
        ask([
          head,
          say("requests:account.askHolder"),
          say("requests:account.holderRule", { name: state.person?.fullName ?? "" }),
        ]),
      ];
    case "cashKind":
      return [
        {
          text: [head, say("requests:account.askCash")],
          buttons: [
            [btn("requests:account.cash.CASH_POINT", `${RQ.cash}CASH_POINT`)],
            [btn("requests:account.cash.CASH_HOME", `${RQ.cash}CASH_HOME`)],
            CANCEL_ROW,
          ],
        },
      ];
    case "confirm":
      return [summary(state, head)];
  }
}

function guide(head: ReturnType<typeof progress>, type: AccountType): Reply[] {
  const g = `requests:account.guide.${type}`;
  return [
    { text: [head, say(`${g}.title`), say(`${g}.steps`), say(`${g}.bring`)] },
    {
      text: [say("requests:account.ekyc"), say("requests:account.fees"), say("requests:account.safety")],
      buttons: [[btn("requests:button.haveAccount", RQ.have)], [btn("requests:button.later", "menu")]],
    },
  ];
}

function summary(state: AccountState, head: ReturnType<typeof progress>): Reply {
  const d = state.draft;
  const person = state.person?.fullName ?? "";
  const lines =
    d.type === "CASH"
      ? [
          say("requests:account.summaryCash", {
            person,
            how: { key: `requests:account.cash.${d.cash ?? "CASH_POINT"}` },
          }),
        ]
      : [
          say("requests:account.summaryAccount", {
            person,
            provider: d.provider ?? "",
            account: `••••••••${d.accountLast4 ?? ""}`,
            holder: d.holderName ?? "",
          }),
        ];
  const edits =
    d.type === "CASH"
      ? [[btn("requests:button.editCash", `${RQ.edit}cashKind`)]]
      : [[btn("requests:button.editAccount", `${RQ.edit}accountNumber`)]];
  return {
    text: [
      head,
      say("requests:account.summaryTitle"),
      ...lines,
      say("requests:account.summaryWhen"),
      say("requests:auth.confirmAsk"),
    ],
    buttons: [[btn("requests:button.send", RQ.send)], ...edits, CANCEL_ROW],
  };
}

/** E-wallets and Mobile Money are numbered by the phone they were opened with. */
export function byPhone(state: AccountState): boolean {
  const { type, provider } = state.draft;
  return type === "EWALLET" || type === "MOBILE_MONEY" || (type === "VNEID" && provider === "VNPT Money");
}

export function whenText(effectiveMonth: string | null) {
  return effectiveMonth
    ? say("requests:account.from", { month: monthLabel(effectiveMonth) })
    : say("requests:account.fromNext");
}

function pairs<T>(items: T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2));
  return rows;
}

function ask(text: Reply["text"]): Reply {
  return { text, buttons: [CANCEL_ROW] };
}
