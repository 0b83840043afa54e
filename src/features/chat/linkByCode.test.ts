import { describe, expect, it } from "vitest";
import { decide } from "./decide.ts";
import type { ChatState } from "./state.ts";
import { buttonData, DAO, lastReply, replyKeys, testContext } from "./testContext.ts";

const ctx = testContext();
const ASK_CODE: ChatState = { flow: "linkByCode", step: "askCode" };
const HOA = { beneficiaryId: "b-hoa", fullName: "Lê Thị Hoa", sex: "FEMALE" as const };

describe("linking with a printed code", () => {
  it("asks for the code with an example and a way out", () => {
    const d = decide(null, { kind: "button", data: "link:code" }, ctx);
    expect(d.state).toEqual(ASK_CODE);
    expect(replyKeys(d)).toEqual([["chat:code.ask", "chat:code.example"]]);
    expect(buttonData(lastReply(d))).toEqual(["cancel"]);
  });

  it("looks up what was typed, however it was spaced", () => {
    const d = decide(ASK_CODE, { kind: "text", text: "abcd efgh" }, ctx);
    expect(d.effects).toEqual([{ kind: "findCode", raw: "abcd efgh" }]);
    expect(d.replies).toEqual([]);
  });

  it("explains the shape of a code without looking up text that cannot be one", () => {
    const d = decide(ASK_CODE, { kind: "text", text: "tôi không có mã" }, ctx);
    expect(d.effects).toEqual([]);
    expect(d.state).toEqual(ASK_CODE);
    expect(replyKeys(d)).toEqual([["chat:code.badFormat", "chat:code.example"]]);
  });

  it("redeems a code carried by a deep link straight away, after a welcome", () => {
    const d = decide(null, { kind: "start", payload: "ABCD-EFGH" }, ctx);
    expect(d.effects).toEqual([{ kind: "findCode", raw: "ABCD-EFGH" }]);
    expect(replyKeys(d)).toEqual([["chat:welcome"]]);
  });

  it("takes a code typed without pressing the button first", () => {
    expect(decide(null, { kind: "text", text: "ABCD-EFGH" }, ctx).effects).toEqual([{ kind: "findCode", raw: "ABCD-EFGH" }]);
  });

  it("says kindly that a code is wrong, stays ready for another, and offers the ID path and help", () => {
    const d = decide(ASK_CODE, { kind: "result", result: { kind: "code", outcome: "notFound" } }, ctx);
    expect(d.state).toEqual(ASK_CODE);
    expect(replyKeys(d)).toEqual([["chat:code.wrong", "chat:code.tryAgain", "chat:contact.hotlineHours"]]);
    expect(buttonData(lastReply(d))).toEqual(["link:id", "hotline", "menu"]);
  });

  it("refuses further tries after too many failures", () => {
    const d = decide(ASK_CODE, { kind: "result", result: { kind: "code", outcome: "blocked" } }, ctx);
    expect(d.state).toBeNull();
    expect(replyKeys(d)[0]).toEqual(["chat:limit.tooMany", "chat:limit.whatNow", "chat:contact.hotlineHours"]);
    expect(d.replies[0]?.text[0]?.params).toEqual({ hours: 24 });
  });

  it("names the person a right code belongs to and asks whether it is them or a relative", () => {
    const d = decide(ASK_CODE, { kind: "result", result: { kind: "code", outcome: "found", linkCodeId: "lc-1", person: HOA } }, ctx);
    expect(d.state).toEqual({ flow: "linkByCode", step: "askRole", linkCodeId: "lc-1", person: HOA });
    expect(d.replies[0]?.text[0]).toEqual({ key: "chat:code.found", params: { title: { key: "chat:title.female" }, name: "Lê Thị Hoa" } });
    expect(buttonData(lastReply(d))).toEqual(["role:self", "role:rel"]);
  });

  it.each([
    ["role:self", "SELF"],
    ["role:rel", "REPRESENTATIVE"],
  ])("after %s asks for consent to link as %s", (data, role) => {
    const state: ChatState = { flow: "linkByCode", step: "askRole", linkCodeId: "lc-1", person: HOA };
    const d = decide(state, { kind: "button", data }, ctx);
    expect(d.state).toEqual({ flow: "consent", step: "askConsent", request: { person: HOA, role, via: "LINK_CODE", linkCodeId: "lc-1" } });
    expect(replyKeys(d)).toEqual([["chat:consent.what", "chat:consent.why", "chat:consent.withdraw", "chat:consent.ask"]]);
    expect(buttonData(lastReply(d))).toEqual(["consent:yes", "consent:no"]);
  });

  it("understands a typed answer to the role question", () => {
    const state: ChatState = { flow: "linkByCode", step: "askRole", linkCodeId: "lc-1", person: HOA };
    expect(decide(state, { kind: "text", text: "Tôi là con gái bà" }, ctx).state).toMatchObject({ request: { role: "REPRESENTATIVE" } });
    expect(decide(state, { kind: "text", text: "tôi là chính chủ" }, ctx).state).toMatchObject({ request: { role: "SELF" } });
    expect(decide(state, { kind: "text", text: "sao cơ" }, ctx).state).toEqual(state);
  });

  it("does not use up a code for someone the chat already follows: it selects them", () => {
    const linked = testContext({ links: [DAO] });
    const person = { beneficiaryId: DAO.beneficiaryId, fullName: DAO.fullName, sex: "FEMALE" as const };
    const d = decide(ASK_CODE, { kind: "result", result: { kind: "code", outcome: "found", linkCodeId: "lc-2", person } }, linked);
    expect(d.state).toBeNull();
    expect(d.effects).toEqual([{ kind: "select", beneficiaryId: "b-dao" }]);
    expect(replyKeys(d)[0]).toEqual(["chat:linked.already"]);
  });
});
