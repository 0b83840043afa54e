import { describe, expect, it } from "vitest";
import type { PayoutOverview, PayoutView } from "../payouts/types.ts";
import { decide } from "./decide.ts";
import type { ChatResult } from "./protocol.ts";
import { BA, buttonData, DAO, lastReply, replyKeys, testContext } from "./testContext.ts";

const next: PayoutView = {
  month: "2026-08-01",
  amount: 1_000_000,
  status: "SCHEDULED",
  method: "CASH_HOME",
  date: "2026-08-07",
  windowStart: "08:00",
  windowEnd: "17:00",
  place: null,
  account: null,
  paidOn: null,
  receivedBy: null,
  note: null,
  carriedOver: 0,
};
const overview = (o: Partial<PayoutOverview> = {}): PayoutOverview => ({
  beneficiaryId: "b-dao",
  fullName: "Nguyễn Thị Đào",
  sex: "FEMALE",
  programme: "BTXH",
  status: "ACTIVE",
  next,
  history: [],
  ...o,
});
const loaded = (topic: "next" | "amount" | "history" | "missing", o: PayoutOverview | null): { kind: "result"; result: ChatResult } => ({
  kind: "result",
  result: { kind: "payouts", topic, overview: o },
});

describe("payout answers", () => {
  it("asks for the linked person's payouts, and for the one a relative has selected", () => {
    expect(decide(null, { kind: "button", data: "pay:next" }, testContext({ links: [DAO] })).effects).toEqual([
      { kind: "loadPayouts", beneficiaryId: "b-dao", topic: "next" },
    ]);
    const relative = testContext({ links: [DAO, BA], activeBeneficiaryId: "b-ba" });
    expect(decide(null, { kind: "button", data: "pay:history" }, relative).effects).toEqual([
      { kind: "loadPayouts", beneficiaryId: "b-ba", topic: "history" },
    ]);
  });

  it("tells that the post office brings the money home, on which day and hours", () => {
    const d = decide(null, loaded("next", overview()), testContext({ links: [DAO] }));
    expect(replyKeys(d)).toEqual([["payouts:next.homeDate", "payouts:next.window", "payouts:next.homeStay", "payouts:next.amount"]]);
    expect(d.replies[0]?.text[0]?.params).toEqual({ date: { date: "2026-08-07" } });
    expect(d.replies[0]?.text[1]?.params).toEqual({ start: "08:00", end: "17:00" });
  });

  it("says when no payout is scheduled yet, and when the record is suspended", () => {
    const d = decide(null, loaded("next", overview({ next: null, status: "SUSPENDED" })), testContext({ links: [DAO] }));
    expect(replyKeys(d)).toEqual([["payouts:statusNote", "payouts:next.none"]]);
    expect(d.replies[0]?.text[0]?.params).toEqual({ status: { key: "chat:status.SUSPENDED" } });
  });

  it("says the month's payout day is not announced when no day is known", () => {
    const d = decide(null, loaded("next", overview({ next: { ...next, date: null } })), testContext({ links: [DAO] }));
    expect(d.replies[0]?.text[0]).toEqual({ key: "payouts:next.noDate", params: { month: 8, year: 2026 } });
  });

  it("gives the last payout's amount when none is coming, with the button to explain that month", () => {
    const last = { ...next, month: "2026-07-01", status: "PAID" as const };
    const d = decide(null, loaded("amount", overview({ next: null, history: [last] })), testContext({ links: [DAO] }));
    expect(replyKeys(d)).toEqual([["payouts:amount.last", "payouts:next.amount"]]);
    expect(buttonData(lastReply(d))).toEqual(["why:2026-07-01", "menu"]);
  });

  it("explains a month for the linked person, and nobody else's", () => {
    expect(decide(null, { kind: "button", data: "why:2026-07-01" }, testContext({ links: [DAO] })).effects).toEqual([
      { kind: "explainMonth", beneficiaryId: "b-dao", month: "2026-07-01" },
    ]);
    const unlinked = decide(null, { kind: "button", data: "why:2026-07-01" }, testContext());
    expect(unlinked.effects).toEqual([]);
    expect(replyKeys(unlinked)[0]).toContain("payouts:general.link");
  });

  it("apologises when there is nothing to explain", () => {
    const d = decide(null, { kind: "result", result: { kind: "explanation", replies: null } }, testContext({ links: [DAO] }));
    expect(replyKeys(d)).toEqual([["payouts:why.none", "chat:contact.hotlineHours"]]);
  });

  it("shows the menu when the person is no longer visible to the chat", () => {
    expect(replyKeys(decide(null, loaded("next", null), testContext({ links: [DAO] })))).toEqual([["chat:menu.greetSelf", "chat:menu.choose"]]);
  });

  it("refuses a made-up month in a button", () => {
    const d = decide(null, { kind: "button", data: "why:2026-13-01" }, testContext({ links: [DAO] }));
    expect(d.effects).toEqual([]);
    expect(replyKeys(d)[0]).toEqual(["chat:staleButton"]);
  });
});
