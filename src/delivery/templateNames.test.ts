import { describe, expect, it } from "vitest";
import type { NoticeKind, PayoutMethod } from "../generated/prisma/enums.ts";
import { noticeReply } from "../features/notifications/noticeReply.ts";
import type { PayoutView } from "../features/payouts/types.ts";
import { broadcastReply } from "../features/broadcasts/send.ts";
import { paramsOf, TEMPLATE_NAMES } from "./templateNames.ts";

const KINDS: NoticeKind[] = ["SCHEDULED", "REMINDER", "PAID", "FAILED", "UNCOLLECTED"];
const METHODS: PayoutMethod[] = ["CASH_POINT", "CASH_HOME", "BANK", "EWALLET", "MOBILE_MONEY"];

function payout(method: PayoutMethod, withAccount: boolean): PayoutView {
  return {
    month: "2026-08-01",
    amount: 750_000,
    status: "SCHEDULED",
    method,
    date: "2026-08-05",
    windowStart: "07:30",
    windowEnd: "11:00",
    place: { name: "Nhà văn hóa thôn 2", address: "Thôn 2" },
    account: withAccount ? { provider: "Viettel Money", maskedNumber: "••••1234" } : null,
    paidOn: null,
    receivedBy: null,
    note: null,
    carriedOver: 0,
  };
}

describe("the names templates are configured under", () => {
  it("cover every notice the planner writes and every broadcast, with the parameters they carry", () => {
    const seen = new Set<string>();
    for (const kind of KINDS)
      for (const method of METHODS)
        for (const withAccount of [true, false])
          for (const audience of [{ kind: "self" as const }, { kind: "relative" as const, authorised: true }]) {
            const first = noticeReply(
              kind,
              { name: "Nguyễn Thị Đào", payout: payout(method, withAccount), missedInARow: 2 },
              audience,
            ).text[0];
            expect(TEMPLATE_NAMES).toContain(first?.key);
            expect(Object.keys(first?.params ?? {}).sort()).toEqual([...paramsOf(first?.key ?? "")].sort());
            seen.add(first?.key ?? "");
          }
    const toOther = noticeReply(
      "PAID",
      {
        name: "Nguyễn Thị Đào",
        payout: { ...payout("CASH_HOME", false), status: "PAID", receivedBy: "Lê Thị Hoa" },
        missedInARow: 0,
        paidToOther: { payoutId: "p1" },
      },
      { kind: "self" },
    ).text[0];
    expect(TEMPLATE_NAMES).toContain(toOther?.key);
    expect(Object.keys(toOther?.params ?? {}).sort()).toEqual([...paramsOf(toOther?.key ?? "")].sort());
    seen.add(toOther?.key ?? "");
    const broadcast = broadcastReply("Họp thôn lúc 8 giờ").text[0];
    expect(TEMPLATE_NAMES).toContain(broadcast?.key);
    expect(Object.keys(broadcast?.params ?? {})).toEqual([...paramsOf(broadcast?.key ?? "")]);
    seen.add(broadcast?.key ?? "");
    // No name is listed that nothing ever sends.
    expect([...seen].sort()).toEqual([...TEMPLATE_NAMES].sort());
  });
});
