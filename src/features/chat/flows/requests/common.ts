// Pieces shared by the request walkthroughs: button data, the "Bước 2/5" line, the way a wrong
// answer is explained (what is wrong, an example, and the same question's buttons again).
import { btn, say, type Button, type Reply, type TextRef } from "../../../../core/reply.ts";
import { CANCEL_ROW } from "../../kit.ts";

export { CANCEL_ROW };

/** Button data inside the walkthroughs; every value stays well under Telegram's 64 bytes. */
export const RQ = {
  continue: "rq:continue",
  over: "rq:over",
  send: "rq:send",
  next: "rq:next",
  again: "rq:again",
  have: "rq:have",
  yes: "rq:yes",
  edit: "rq:edit:",
  relation: "rq:rel:",
  month: "rq:m:",
  duration: "rq:dur:",
  type: "rq:type:",
  provider: "rq:prov:",
  cash: "rq:cash:",
  what: "rq:what:",
} as const;

export function progress(n: number, total: number): TextRef {
  return say("requests:progress", { n, total });
}

/** What was wrong with the answer, an example of a good one, and the question's own buttons. */
export function explainProblem(problem: string, example: string | null, buttons: Button[][] = [CANCEL_ROW]): Reply {
  const text = [say(`requests:problem.${problem}`)];
  if (example) text.push(say(example));
  return { text, buttons };
}

/** The value after a prefix in button data, or null when the data is not that kind of button. */
export function pressed(input: { kind: string; data?: string }, prefix: string): string | null {
  return input.kind === "button" && input.data?.startsWith(prefix) ? input.data.slice(prefix.length) : null;
}

/** "Bác có yêu cầu đang làm dở (Bước 3/5)": carry on, or start again. */
export function resumePrompt(what: string, n: number, total: number): Reply {
  return {
    text: [
      say("requests:resume.found", { what: { key: what } }),
      say("requests:resume.at", { n, total }),
      say("requests:resume.ask"),
    ],
    buttons: [[btn("requests:button.continue", RQ.continue)], [btn("requests:button.over", RQ.over)], CANCEL_ROW],
  };
}
