// The questions of the authorisation walkthrough, one per message, each with its progress line.
import { btn, say, type Button, type Reply } from "../../../../core/reply.ts";
import { addMonths, firstOfMonth, type CalendarDate } from "../../../../lib/calendarDate.ts";
import { authorisationEnd, monthLabel, RELATIONS } from "../../../requests/requestData.ts";
import { CANCEL_ROW, progress, RQ } from "../requests/common.ts";
import type { AuthoriseState, AuthoriseStep } from "../requests/states.ts";

/** Steps grouped as the person sees them: who, their papers, the time, the paper, the summary. */
const GROUP: Record<AuthoriseStep, number> = {
  whoId: 0,
  whoDob: 0,
  whoPhone: 0,
  relativeName: 1,
  relation: 1,
  relativeId: 2,
  relativePhone: 2,
  fromMonth: 3,
  duration: 3,
  papers: 4,
  confirm: 5,
};

/** "Bước n/total": one more step when the relative first proves whom they collect for. */
export function authoriseProgress(state: AuthoriseState, step: AuthoriseStep): { n: number; total: number } {
  const extra = state.person === undefined || state.draft.checked === true ? 1 : 0;
  return { n: GROUP[step] + extra, total: 5 + extra };
}

export function authorisePrompt(state: AuthoriseState, step: AuthoriseStep, today: CalendarDate): Reply {
  const { n, total } = authoriseProgress(state, step);
  const head = progress(n, total);
  const d = state.draft;
  const name = d.relativeName ?? "";
  switch (step) {
    case "whoId":
      return ask([head, say("requests:auth.whoIntro"), say("requests:auth.whoId"), say("chat:id.exampleId")]);
    case "whoDob":
      return ask([head, say("requests:auth.whoDob"), say("chat:id.exampleDob")]);
    case "whoPhone":
      return ask([head, say("requests:auth.whoPhone"), say("chat:id.examplePhone")]);
    case "relativeName":
      return ask([
        head,
        say(d.starter === "SELF" ? "requests:auth.askNameSelf" : "requests:auth.askNameRelative"),
        say("requests:example.name"),
      ]);
    case "relation":
      return {
        text: [
          head,
          say(d.starter === "SELF" ? "requests:auth.askRelationSelf" : "requests:auth.askRelationRelative", {
            name,
            person: personName(state),
          }),
        ],
        buttons: [...RELATIONS.map((r) => [btn(`requests:relation.${r}`, `${RQ.relation}${r}`)]), CANCEL_ROW],
      };
    case "relativeId":
      return ask([head, say("requests:auth.askRelativeId", { name }), say("chat:id.exampleId")]);
    case "relativePhone":
      return ask([head, say("requests:auth.askRelativePhone", { name }), say("requests:example.phone")]);
    case "fromMonth":
      return {
        text: [head, say("requests:auth.askFromMonth"), monthExample(today)],
        buttons: [
          ...nextMonths(today).map((m) => [btn("requests:button.month", `${RQ.month}${m}`, { month: monthLabel(m) })]),
          CANCEL_ROW,
        ],
      };
    case "duration":
      return {
        text: [head, say("requests:auth.askDuration"), say("requests:auth.durationHint")],
        buttons: [[3, 6, 12].map((m) => btn("requests:button.months", `${RQ.duration}${m}`, { count: m })), CANCEL_ROW],
      };
    case "papers":
      return {
        text: [
          head,
          say("requests:auth.papersWhat"),
          say("requests:auth.papersWhere"),
          say("requests:auth.papersBring"),
          say("requests:auth.papersForm"),
        ],
        buttons: [[btn("requests:button.understood", RQ.next)], CANCEL_ROW],
      };
    case "confirm":
      return authoriseSummary(state, head);
  }
}

function authoriseSummary(state: AuthoriseState, head: ReturnType<typeof progress>): Reply {
  const d = state.draft;
  const edit = (field: AuthoriseStep, label: string): Button[] => [
    btn(`requests:button.${label}`, `${RQ.edit}${field}`),
  ];
  return {
    text: [
      head,
      say("requests:auth.summaryTitle"),
      say("requests:auth.summaryWho", {
        person: personName(state),
        name: d.relativeName ?? "",
        relation: { key: `requests:relation.${d.relation ?? "other"}` },
      }),
      say("requests:auth.summaryPapers", {
        id: `••••••••${d.relativeIdLast4 ?? ""}`,
        phone: `••••••${d.relativePhoneLast4 ?? ""}`,
      }),
      say("requests:auth.summaryTime", {
        from: monthLabel(d.fromMonth ?? ""),
        until: { date: d.fromMonth && d.months ? authorisationEnd(d.fromMonth, d.months) : "" },
        count: d.months ?? 0,
      }),
      say("requests:auth.warning"),
      say("requests:auth.confirmAsk"),
    ],
    buttons: [
      [btn("requests:button.send", RQ.send)],
      edit("relativeName", "editName"),
      edit("relation", "editRelation"),
      edit("relativeId", "editId"),
      edit("relativePhone", "editPhone"),
      edit("fromMonth", "editTime"),
      CANCEL_ROW,
    ],
  };
}

/** "Ví dụ: 12/2026": always a month the question accepts (next month), never a fixed date. */
export function monthExample(today: CalendarDate) {
  const next = addMonths(firstOfMonth(today), 1);
  return say("requests:example.month", { example: `${Number(next.slice(5, 7))}/${next.slice(0, 4)}` });
}

/** The next three months, offered as buttons. */
export function nextMonths(today: CalendarDate): CalendarDate[] {
  const first = firstOfMonth(today);
  return [1, 2, 3].map((i) => addMonths(first, i));
}

function personName(state: AuthoriseState): string {
  return state.person?.fullName ?? "";
}

function ask(text: Reply["text"]): Reply {
  return { text, buttons: [CANCEL_ROW] };
}
