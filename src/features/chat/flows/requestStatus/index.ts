// "Giấy ủy quyền của tôi xã duyệt chưa?": where a request sent from this chat (or about the person
// it is linked to) stands — waiting for the officer, approved, refused with the reason, or not
// sent yet. It tells, and never starts a new request.
import { z } from "zod";
import { btn, say, type Button, type TextRef } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { todayInVietnam } from "../../../../lib/calendarDate.ts";
import { foldVietnamese } from "../../../../lib/text.ts";
import { requestReference } from "../../../requests/drafts.ts";
import { monthLabel, requestRow } from "../../../requests/requestData.ts";
import { BUTTON } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";

const NAME = "requestStatus";
const KINDS = ["AUTHORISATION", "ACCOUNT", "CHANGE_METHOD", "UPDATE_INFO", "MOVE", "DEATH"] as const;
type Kind = (typeof KINDS)[number];
const STATUSES = ["DRAFT", "PENDING", "APPROVED", "REJECTED", "CANCELLED"] as const;

const request = z.object({
  kind: z.enum(KINDS),
  status: z.enum(STATUSES),
  reference: z.string(),
  sentOn: z.string(),
  decidedOn: z.string().nullable(),
  reason: z.string().nullable(),
  effectiveMonth: z.string().nullable(),
});
type Request = z.infer<typeof request>;

/** The chat's own requests and those about the people it is linked to, newest first. */
const loadRequests = defineEffect({
  kind: "loadRequests",
  payload: { kinds: z.array(z.enum(KINDS)).max(6) },
  output: z.array(request),
  async perform(tx, { kinds }, ctx) {
    const linked = ctx.links.map((l) => l.beneficiaryId);
    const rows = await tx.changeRequest.findMany({
      where: {
        status: { not: "CANCELLED" },
        OR: [
          { submittedById: ctx.identityId },
          ...(linked.length ? [{ beneficiaryId: { in: linked }, status: { not: "DRAFT" as const } }] : []),
        ],
        ...(kinds.length ? { kind: { in: kinds } } : {}),
      },
      orderBy: { updatedAt: "desc" },
      take: 5,
    });
    return rows.map((r) => ({
      kind: r.kind,
      status: r.status,
      reference: requestReference(r.id),
      sentOn: todayInVietnam(r.createdAt),
      decidedOn: r.decidedAt ? todayInVietnam(r.decidedAt) : null,
      reason: r.reason,
      effectiveMonth: requestRow.safeParse(r.data).data?.effectiveMonth ?? null,
    }));
  },
});

/** Which kind of request the person names, if any ("giấy ủy quyền", "tài khoản", "báo mất"). */
export function kindsNamed(text: string | null): Kind[] {
  const t = foldVietnamese(text ?? "");
  if (/uy quyen|nhan thay|nhan ho|authori[sz]|collect/.test(t)) return ["AUTHORISATION"];
  if (/tai khoan|the ngan hang|\bvi\b|momo|account|wallet|bank|tien mat|cash/.test(t))
    return ["ACCOUNT", "CHANGE_METHOD"];
  if (/\bmat\b|qua doi|death|died/.test(t)) return ["DEATH"];
  if (/so dien thoai|dia chi|chuyen|sua|doi thong tin|phone|address|move/.test(t)) return ["UPDATE_INFO", "MOVE"];
  return [];
}

const CONTINUE: Partial<Record<Kind, string>> = {
  AUTHORISATION: BUTTON.authorise,
  ACCOUNT: BUTTON.account,
  CHANGE_METHOD: BUTTON.account,
  UPDATE_INFO: BUTTON.change,
};

function answer(found: Request[]): Decision {
  const r = found[0];
  if (!r)
    return decision(null, [
      { text: [say("requests:status.none")], buttons: [[btn("requests:button.requests", BUTTON.requests)], BACK_ROW] },
    ]);
  const what = { what: { key: `requests:kind.${r.kind}` }, reference: r.reference };
  const lines: TextRef[] = [];
  const buttons: Button[][] = [];
  switch (r.status) {
    case "PENDING":
      lines.push(
        say("requests:status.pending", { ...what, date: { date: r.sentOn } }),
        say("requests:status.willTell"),
      );
      break;
    case "APPROVED":
      lines.push(say("requests:status.approved", { ...what, date: { date: r.decidedOn ?? r.sentOn } }));
      if (r.effectiveMonth) lines.push(say("requests:status.from", { month: monthLabel(r.effectiveMonth) }));
      break;
    case "REJECTED":
      lines.push(
        say("requests:status.rejected", { ...what, date: { date: r.decidedOn ?? r.sentOn } }),
        say("requests:status.reason", { reason: r.reason ?? "" }),
      );
      break;
    default: {
      lines.push(say("requests:status.draft", what));
      const again = CONTINUE[r.kind];
      if (again) buttons.push([btn("requests:button.continue", again)]);
    }
  }
  return decision(null, [{ text: lines, buttons: [...buttons, BACK_ROW] }]);
}

export const requestStatusFlow = defineFlow<never, "ask", z.infer<typeof loadRequests.result>>({
  name: NAME,
  effects: [loadRequests],
  opens: { buttons: { [BUTTON.requestStatus]: "ask" }, intents: { request_status: "ask" } },
  start: (_open, _ctx: ChatContext, at) => decision(null, [], [loadRequests.ask(NAME, { kinds: kindsNamed(at.text) })]),
  results: loadRequests.result,
  onResult: (_state, result) => answer(result.value),
});
