import { describe, expect, it } from "vitest";
import { classifyIntent, CONFIDENT } from "../../nlu/classifier.ts";
import { INTENT_IDS } from "../../nlu/intents.ts";
import { decide } from "./decide.ts";
import type { ChatState } from "./state.ts";
import { buttonData, DAO, lastReply, replyKeys, testContext } from "./testContext.ts";
import { answerIntent } from "./understanding.ts";

const linked = testContext({ links: [DAO] });
const text = (t: string) => ({ kind: "text" as const, text: t });
const UNCLEAR_ONCE: ChatState = { flow: "clarify", step: "chooseTopic", unclear: 1 };
const ASK_DOB: ChatState = { flow: "linkById", step: "askDob", pidHash: "a".repeat(64) };
// Two topics in one breath: the classifier cannot be sure which one is meant.
const AMBIGUOUS = "số tiền và ngày nhận";

describe("free text understood by intent", () => {
  it("asks with buttons of the likeliest topics when unsure", () => {
    const guess = classifyIntent(AMBIGUOUS);
    expect(guess.confidence).toBeLessThan(CONFIDENT);
    const d = decide(null, text(AMBIGUOUS), linked);
    expect(replyKeys(d)).toEqual([["chat:clarify.ask"]]);
    const data = buttonData(lastReply(d));
    expect(data[0]).toBe(`ask:${guess.intent}`);
    expect(data).toContain("ask:payout_amount");
    // Two or three topics, then the way back.
    expect(data.length).toBeGreaterThanOrEqual(3);
    expect(data.length).toBeLessThanOrEqual(4);
    expect(data.slice(0, -1).every((b) => b.startsWith("ask:"))).toBe(true);
    expect(data.at(-1)).toBe("menu");
    expect(d.state).toEqual(UNCLEAR_ONCE);
  });

  it("asks which money question a lone word like \"tiền\" means, with or without diacritics", () => {
    for (const word of ["tiền", "tien"]) {
      const d = decide(null, text(word), linked);
      expect(replyKeys(d)).toEqual([["chat:clarify.ask"]]);
      expect(buttonData(lastReply(d))).toEqual(["ask:payout_schedule", "ask:payout_amount", "ask:payout_missing", "menu"]);
    }
    // A real question about money is answered straight away.
    expect(replyKeys(decide(null, text("bao giờ có tiền"), linked))).not.toEqual([["chat:clarify.ask"]]);
  });

  it("answers the topic pressed", () => {
    const d = decide(UNCLEAR_ONCE, { kind: "button", data: "ask:payout_schedule" }, linked);
    expect(d.effects).toEqual([{ kind: "loadPayouts", beneficiaryId: "b-dao", topic: "next" }]);
    expect(d.state).toBeNull();
  });

  it("passes a second unclear message in a row to a hotline agent, then starts counting again", () => {
    const d = decide(UNCLEAR_ONCE, text("giá vàng"), linked);
    expect(d.effects).toEqual([{ kind: "escalate", topic: "unclear", question: "giá vàng" }]);
    expect(d.state).toBeNull();
  });

  it("answers a clear question even right after an unclear one", () => {
    const d = decide(UNCLEAR_ONCE, text("có người xin mã OTP"), linked);
    expect(replyKeys(d)[0]?.[0]).toBe("chat:scam.rule");
    expect(d.state).toBeNull();
  });

  it("forgets an unclear message after a long pause, without calling it an unfinished task", () => {
    const d = decide(UNCLEAR_ONCE, text("giá vàng"), testContext({ links: [DAO], idleMs: 31 * 60_000 }));
    expect(replyKeys(d)).toEqual([["chat:notUnderstood"], ["chat:menu.greetSelf", "chat:menu.choose"]]);
  });

  it("lets a pressing request interrupt a question, but not small talk", () => {
    const scam = decide(ASK_DOB, text("có người gọi xin mã OTP"), testContext());
    expect(scam.state).toBeNull();
    expect(replyKeys(scam)[0]?.[0]).toBe("chat:scam.rule");
    const hello = decide(ASK_DOB, text("chào"), testContext());
    expect(hello.state).toEqual(ASK_DOB);
    // The question's own hint, as before.
    expect(replyKeys(hello)[0]?.[0]).toBe("chat:id.badDob");
  });

  it("greets and thanks warmly, with the menu", () => {
    expect(replyKeys(decide(null, text("chào"), linked))).toEqual([["chat:welcome"], ["chat:menu.greetSelf", "chat:menu.choose"]]);
    expect(replyKeys(decide(null, text("cảm ơn nhé"), linked))).toEqual([["chat:thanks"], ["chat:menu.greetSelf", "chat:menu.choose"]]);
  });

  it("starts the walkthroughs for authorising a relative, an account, a change or a death", () => {
    expect(answerIntent("authorise_relative", linked).effects).toEqual([{ kind: "loadDraft", request: "AUTHORISATION", flow: "authorise" }]);
    expect(answerIntent("open_account", linked).effects).toEqual([{ kind: "loadDraft", request: "ACCOUNT", flow: "account" }]);
    expect(answerIntent("change_payout_method", linked).effects).toEqual([{ kind: "loadDraft", request: "ACCOUNT", flow: "account" }]);
    expect(answerIntent("update_info", linked).state).toMatchObject({ flow: "change", step: "what" });
    expect(answerIntent("report_death", linked).state).toMatchObject({ flow: "change", step: "date" });
    // Someone not linked still hears what to do after a death; either way a person follows up.
    expect(answerIntent("report_death", testContext()).effects).toEqual([{ kind: "funeralSupport", ticket: true }]);
    expect(answerIntent("report_death", linked).effects).toEqual([{ kind: "escalate", topic: "death", auto: true }]);
  });

  it("offers the ways to link, to a new chat and to a linked one", () => {
    expect(buttonData(lastReply(answerIntent("link_identity", testContext())))).toEqual(["link:code", "link:id", "menu"]);
    expect(replyKeys(answerIntent("link_identity", linked))).toEqual([["chat:add.how"]]);
  });

  it.each(INTENT_IDS.map((i) => [i]))("has an answer for %s, linked or not", (intent) => {
    for (const ctx of [linked, testContext()]) {
      const d = answerIntent(intent, ctx);
      expect(d.replies.length + d.effects.length).toBeGreaterThan(0);
    }
  });
});
