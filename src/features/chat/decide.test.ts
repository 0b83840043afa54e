import { describe, expect, it } from "vitest";
import { decide } from "./decide.ts";
import type { ChatState } from "./state.ts";
import { BA, buttonData, DAO, lastReply, replyKeys, testContext } from "./testContext.ts";

const ASK_DOB: ChatState = { flow: "linkById", step: "askDob", pidHash: "a".repeat(64) };

describe("the main menu and commands that work anywhere", () => {
  it("welcomes a new chat with the menu for linking", () => {
    const d = decide(null, { kind: "start" }, testContext());
    expect(replyKeys(d)).toEqual([["chat:welcome"], ["chat:menu.unlinked"]]);
    expect(buttonData(lastReply(d))).toEqual(["link:code", "link:id", "elig", "scam", "rq:auth", "help", "lang:en"]);
    expect(d.state).toBeNull();
  });

  it("greets a linked person by name and offers their payouts, their information, adding a person, unlinking, help", () => {
    const d = decide(null, { kind: "text", text: "menu" }, testContext({ links: [DAO] }));
    expect(lastReply(d)?.text).toEqual([{ key: "chat:menu.greetSelf", params: { name: "Nguyễn Thị Đào" } }, { key: "chat:menu.choose" }]);
    expect(buttonData(lastReply(d))).toEqual(["pay:next", "pay:amount", "pay:history", "docs", "scam", "rq:menu", "me", "add", "unlink", "help", "lang:en"]);
    // One or two buttons a row, for a small phone.
    expect(lastReply(d)?.buttons?.every((row) => row.length <= 2)).toBe(true);
  });

  it("tells a relative whose information they are looking at, and offers switching when there are several", () => {
    const d = decide(null, { kind: "button", data: "menu" }, testContext({ links: [DAO, BA], activeBeneficiaryId: "b-ba", locale: "en" }));
    expect(lastReply(d)?.text[0]).toEqual({
      key: "chat:menu.greetRepresentative",
      params: { title: { key: "chat:title.male" }, name: "Trần Văn Ba" },
    });
    expect(buttonData(lastReply(d))).toEqual(["pay:next", "pay:amount", "pay:history", "docs", "scam", "rq:menu", "me", "switch", "add", "unlink", "help", "lang:vi"]);
  });

  it("cancels any flow with 'hủy' and shows the menu", () => {
    const d = decide(ASK_DOB, { kind: "text", text: "Hủy" }, testContext());
    expect(d.state).toBeNull();
    expect(replyKeys(d)).toEqual([["chat:cancelled"], ["chat:menu.unlinked"]]);
  });

  it("gives help in the middle of a flow without losing it, with the hotline and the safety rule", () => {
    const d = decide(ASK_DOB, { kind: "text", text: "trợ giúp" }, testContext());
    expect(d.state).toEqual(ASK_DOB);
    expect(replyKeys(d)).toEqual([["chat:help.what", "chat:help.how", "chat:contact.hotlineHours", "chat:help.safety"]]);
    expect(lastReply(d)?.text[2]?.params).toEqual({ phone: "1900 1234", hours: "7:30-17:00" });
    expect(buttonData(lastReply(d))).toEqual(["resume", "menu"]);
  });

  it("sends people to the commune office when no hotline is configured", () => {
    const d = decide(null, { kind: "button", data: "help" }, testContext({ settings: { identityMaxFailures: 5, identityWindowHours: 24, idleMinutes: 30 } }));
    expect(replyKeys(d)[0]).toContain("chat:contact.commune");
    expect(buttonData(lastReply(d))).toEqual(["menu"]);
  });

  it("switches language, stores it, and asks the current question again", () => {
    const d = decide(ASK_DOB, { kind: "text", text: "English" }, testContext());
    expect(d.effects).toEqual([{ kind: "setLocale", locale: "en" }]);
    expect(d.state).toEqual(ASK_DOB);
    expect(replyKeys(d)).toEqual([["chat:language.switched"], ["chat:id.askDob", "chat:id.exampleDob"]]);
  });

  it("shows the menu in the new language with the button back to the old one", () => {
    const d = decide(null, { kind: "button", data: "lang:en" }, testContext());
    expect(buttonData(lastReply(d))).toContain("lang:vi");
  });

  it("answers free text it cannot understand kindly, with the menu, and remembers it was unclear", () => {
    const d = decide(null, { kind: "text", text: "giá xăng hôm nay bao nhiêu" }, testContext({ links: [DAO] }));
    expect(replyKeys(d)).toEqual([["chat:notUnderstood"], ["chat:menu.greetSelf", "chat:menu.choose"]]);
    expect(d.effects).toEqual([]);
    expect(d.state).toEqual({ flow: "clarify", step: "chooseTopic", unclear: 1 });
  });

  it("understands a question about the payout day typed without diacritics", () => {
    const d = decide(null, { kind: "text", text: "tien thang nay bao gio co" }, testContext({ links: [DAO] }));
    expect(d.effects).toEqual([{ kind: "loadPayouts", beneficiaryId: "b-dao", topic: "next" }]);
  });

  it("answers a sticker or photo kindly, and in a flow asks the question again", () => {
    expect(replyKeys(decide(null, { kind: "unsupported", what: "sticker" }, testContext()))).toEqual([["chat:unsupported"], ["chat:menu.unlinked"]]);
    const inFlow = decide(ASK_DOB, { kind: "unsupported", what: "photo" }, testContext());
    expect(inFlow.state).toEqual(ASK_DOB);
    expect(replyKeys(inFlow)).toEqual([["chat:unsupported"], ["chat:id.askDob", "chat:id.exampleDob"]]);
  });

  it("treats an old button that fits no question as out of date and shows the menu", () => {
    const d = decide(null, { kind: "button", data: "consent:yes" }, testContext());
    expect(d.effects).toEqual([]);
    expect(replyKeys(d)).toEqual([["chat:staleButton"], ["chat:menu.unlinked"]]);
    const inFlow = decide(ASK_DOB, { kind: "button", data: "ul:all" }, testContext());
    expect(inFlow.state).toEqual(ASK_DOB);
    expect(replyKeys(inFlow)[0]).toEqual(["chat:staleButton"]);
  });

  it("takes an old menu button as a fresh choice, leaving the flow", () => {
    const d = decide(ASK_DOB, { kind: "button", data: "link:code" }, testContext());
    expect(d.state).toEqual({ flow: "linkByCode", step: "askCode" });
    expect(replyKeys(d)).toEqual([["chat:code.ask", "chat:code.example"]]);
  });

  it("survives platform status events without saying anything", () => {
    expect(decide(ASK_DOB, { kind: "unreachable", reason: "blocked" }, testContext())).toEqual({ state: ASK_DOB, replies: [], effects: [] });
  });
});

describe("a flow left unfinished", () => {
  const idle = testContext({ idleMs: 31 * 60_000 });

  it("first says the step was left unfinished and offers to continue or start again, keeping the step", () => {
    const d = decide(ASK_DOB, { kind: "text", text: "12/3/1945" }, idle);
    expect(d.state).toEqual(ASK_DOB);
    expect(d.effects).toEqual([]);
    expect(replyKeys(d)).toEqual([["chat:timeout.unfinished", "chat:timeout.ask"]]);
    expect(buttonData(lastReply(d))).toEqual(["resume", "restart", "menu"]);
  });

  it("continues where it was: the same question again", () => {
    const d = decide(ASK_DOB, { kind: "button", data: "resume" }, idle);
    expect(d.state).toEqual(ASK_DOB);
    expect(replyKeys(d)).toEqual([["chat:id.askDob", "chat:id.exampleDob"]]);
  });

  it("starts again from the first step", () => {
    const d = decide(ASK_DOB, { kind: "button", data: "restart" }, idle);
    expect(d.state).toEqual({ flow: "linkById", step: "askId" });
    expect(d.effects).toEqual([{ kind: "checkLimit" }]);
  });

  it("lets commands through at once", () => {
    expect(decide(ASK_DOB, { kind: "text", text: "menu" }, idle).state).toBeNull();
  });

  it("does not interrupt a recent flow", () => {
    const d = decide(ASK_DOB, { kind: "text", text: "12/3/1945" }, testContext({ idleMs: 29 * 60_000 }));
    expect(d.state).toMatchObject({ step: "askPhone", dateOfBirth: "1945-03-12" });
  });

  it("shows the menu for a continue button when nothing is left to continue", () => {
    expect(replyKeys(decide(null, { kind: "button", data: "resume" }, idle))).toEqual([["chat:menu.unlinked"]]);
  });
});
