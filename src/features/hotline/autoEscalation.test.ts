import { describe, expect, it } from "vitest";
import { decide } from "../chat/decide.ts";
import type { ChatResult } from "../chat/protocol.ts";
import { buttonData, DAO, lastReply, replyKeys, testContext } from "../chat/testContext.ts";
import type { PayoutOverview, PayoutView } from "../payouts/types.ts";

const text = (t: string) => ({ kind: "text" as const, text: t });
const linked = testContext({ links: [DAO] });
const withTicket = testContext({ links: [DAO], openTicket: { id: "t-1", number: 42 } });

const july: PayoutView = {
  month: "2026-07-01",
  amount: 1_000_000,
  status: "SCHEDULED",
  method: "BANK",
  date: "2026-07-05",
  windowStart: null,
  windowEnd: null,
  place: null,
  account: { provider: "Vietcombank", maskedNumber: "••••6789" },
  paidOn: null,
  receivedBy: null,
  note: null,
  carriedOver: 0,
};
const august: PayoutView = { ...july, month: "2026-08-01", date: "2026-08-05" };
const overview = (history: PayoutView[], next: PayoutView | null = august): PayoutOverview => ({
  beneficiaryId: "b-dao",
  fullName: "Nguyễn Thị Đào",
  sex: "FEMALE",
  programme: "BTXH",
  status: "ACTIVE",
  next,
  history,
});
const missing = (o: PayoutOverview): { kind: "result"; result: ChatResult } => ({ kind: "result", result: { kind: "payouts", topic: "missing", overview: o } });
const escalated = (extra: Partial<Extract<ChatResult, { kind: "escalated" }>> = {}): { kind: "result"; result: ChatResult } => ({
  kind: "result",
  result: { kind: "escalated", topic: "fraud", number: 7, dueTime: "11:00", dueDate: "2026-07-15", openNow: true, existing: false, ...extra },
});

describe("topics that call a person by themselves", () => {
  it("warns about a reported scam and opens a fraud ticket with the person's words", () => {
    const d = decide(null, text("có người gọi xin mã OTP của tôi"), linked);
    expect(replyKeys(d)[0]?.[0]).toBe("chat:scam.rule");
    expect(buttonData(lastReply(d))).toEqual(["menu"]);
    expect(d.effects).toEqual([{ kind: "escalate", topic: "fraud", auto: true, question: "có người gọi xin mã OTP của tôi" }]);
  });

  it("only warns, with the button, when the person asks whether something is a scam", () => {
    const d = decide(null, text("cuộc gọi này có phải lừa đảo không"), linked);
    expect(replyKeys(d)[0]?.[0]).toBe("chat:scam.rule");
    expect(buttonData(lastReply(d))).toEqual(["hl:esc:fraud", "menu"]);
    expect(d.effects).toEqual([]);
  });

  it("opens a complaint ticket, not a general one", () => {
    expect(decide(null, text("toi muon khieu nai can bo xa"), linked).effects).toEqual([
      { kind: "escalate", topic: "complaint", auto: true, question: "toi muon khieu nai can bo xa" },
    ]);
    expect(decide(null, text("tôi muốn gặp nhân viên"), linked).effects).toEqual([{ kind: "escalate", topic: "talk_to_human" }]);
  });

  it("leaves a question in progress for a scam that has happened", () => {
    const d = decide({ flow: "linkById", step: "askId" }, text("có người đòi mật khẩu của tôi"), testContext());
    expect(d.state).toBeNull();
    expect(d.effects).toEqual([{ kind: "escalate", topic: "fraud", auto: true, question: "có người đòi mật khẩu của tôi" }]);
  });

  it("calls a person when the payout day passed without the money, and tells the day before it", () => {
    const late = decide(null, missing(overview([july])), linked);
    expect(late.effects).toEqual([{ kind: "escalate", topic: "payout_missing", auto: true }]);
    expect(replyKeys(late).flat()).toContain("payouts:missed.carry");
    expect(buttonData(lastReply(late))).not.toContain("hl:esc:payout_missing");

    const failed = decide(null, missing(overview([{ ...july, status: "FAILED" }])), linked);
    expect(failed.effects).toEqual([{ kind: "escalate", topic: "payout_missing", auto: true }]);

    const early = decide(null, missing(overview([{ ...july, status: "PAID", paidOn: "2026-07-05" }])), linked);
    expect(early.effects).toEqual([]);
    expect(replyKeys(early)).toEqual([["chat:missing.notYet", "payouts:next.transfer", "payouts:next.amount"]]);
    expect(buttonData(lastReply(early))).toEqual(["hl:esc:payout_missing", "menu"]);
  });

  it("does not count the payout day itself as missed", () => {
    const today = decide(null, missing(overview([{ ...july, status: "PAID" }], { ...august, date: "2026-07-15" })), linked);
    expect(today.effects).toEqual([]);
  });

  it("answers a scam report while a ticket is open, files the words, and does not repeat them", () => {
    const d = decide(null, text("tôi bị lừa mất tiền rồi"), withTicket);
    expect(replyKeys(d)[0]?.[0]).toBe("chat:scam.rule");
    expect(d.effects).toEqual([
      { kind: "escalate", topic: "fraud", auto: true },
      { kind: "addToTicket", ticketId: "t-1", text: "tôi bị lừa mất tiền rồi" },
    ]);
  });

  it("asks for the payouts of a person whose ticket is open when the money has not come", () => {
    const d = decide(null, text("chưa thấy tiền"), withTicket);
    expect(d.effects).toEqual([
      { kind: "loadPayouts", beneficiaryId: "b-dao", topic: "missing" },
      { kind: "addToTicket", ticketId: "t-1", text: "chưa thấy tiền" },
    ]);
  });

  it("says why a person was called, and points back to a question in progress", () => {
    expect(replyKeys(decide(null, escalated({ auto: true }), linked))).toEqual([
      ["hotline:chat.why.fraud", "hotline:chat.opened", "hotline:chat.dueBy", "hotline:chat.addMore"],
    ]);
    const asking = { flow: "change" as const, step: "date" as const, person: { beneficiaryId: "b-dao", fullName: "Nguyễn Thị Đào" }, draft: { what: "death" as const } };
    const d = decide(asking, escalated({ auto: true, topic: "death" }), linked);
    expect(d.state).toEqual(asking);
    expect(replyKeys(d)).toEqual([["hotline:chat.why.death", "hotline:chat.opened", "hotline:chat.dueBy", "hotline:chat.answerAbove"]]);
  });
});
