import { describe, expect, it } from "vitest";
import { decide } from "./decide.ts";
import type { ChatState } from "./state.ts";
import { DAO, replyKeys, testContext } from "./testContext.ts";

const HOA = { beneficiaryId: "b-hoa", fullName: "Lê Thị Hoa", sex: "FEMALE" as const };
const CODE_REQUEST = { person: HOA, role: "SELF" as const, via: "LINK_CODE" as const, linkCodeId: "lc-1" };
const BY_CODE: ChatState = { flow: "consent", step: "askConsent", request: CODE_REQUEST };
const BY_ID: ChatState = { flow: "consent", step: "askConsent", request: { person: HOA, role: "SELF", via: "IDENTITY_CHECK" } };

describe("consent", () => {
  it.each([
    ["the button", { kind: "button" as const, data: "consent:yes" }],
    ["'đồng ý'", { kind: "text" as const, text: "Đồng ý" }],
  ])("links on a yes given with %s", (_how, event) => {
    const d = decide(BY_CODE, event, testContext());
    expect(d.effects).toEqual([{ kind: "link", request: CODE_REQUEST }]);
  });

  it("stores nothing on a no, and says the code still works", () => {
    const d = decide(BY_CODE, { kind: "button", data: "consent:no" }, testContext());
    expect(d.effects).toEqual([]);
    expect(d.state).toBeNull();
    expect(replyKeys(d)).toEqual([["chat:consent.declinedCode"], ["chat:menu.unlinked"]]);
    expect(replyKeys(decide(BY_ID, { kind: "text", text: "không" }, testContext()))[0]).toEqual(["chat:consent.declined"]);
  });

  it("asks again when the answer is neither yes nor no", () => {
    const d = decide(BY_CODE, { kind: "text", text: "để tôi hỏi con" }, testContext());
    expect(d.state).toEqual(BY_CODE);
    expect(replyKeys(d)).toEqual([["chat:notAnAnswer"], ["chat:consent.what", "chat:consent.why", "chat:consent.withdraw", "chat:consent.ask"]]);
  });

  it("confirms the link with the safety rule and shows the menu of the linked person", () => {
    const linked = testContext({ links: [{ ...DAO, beneficiaryId: "b-hoa", fullName: "Lê Thị Hoa" }] });
    const d = decide(BY_CODE, { kind: "result", result: { kind: "linked", outcome: "ok", person: HOA } }, linked);
    expect(d.state).toBeNull();
    expect(replyKeys(d)).toEqual([["chat:linked.self", "chat:help.safety"], ["chat:menu.greetSelf", "chat:menu.choose"]]);
  });

  it("names the person a relative now follows", () => {
    const rep: ChatState = { flow: "consent", step: "askConsent", request: { person: HOA, role: "REPRESENTATIVE", via: "LINK_CODE", linkCodeId: "lc-1" } };
    const d = decide(rep, { kind: "result", result: { kind: "linked", outcome: "ok", person: HOA } }, testContext());
    expect(d.replies[0]?.text[0]).toEqual({ key: "chat:linked.representative", params: { title: { key: "chat:title.female" }, name: "Lê Thị Hoa" } });
  });

  it("says so when another chat used the code first", () => {
    const d = decide(BY_CODE, { kind: "result", result: { kind: "linked", outcome: "codeUsed" } }, testContext());
    expect(d.state).toBeNull();
    expect(replyKeys(d)).toEqual([["chat:code.alreadyUsed"], ["chat:menu.unlinked"]]);
  });

  it("restarts the way the link began", () => {
    const idle = testContext({ idleMs: 86_400_000 });
    expect(decide(BY_CODE, { kind: "button", data: "restart" }, idle).state).toEqual({ flow: "linkByCode", step: "askCode" });
    expect(decide(BY_ID, { kind: "button", data: "restart" }, idle).effects).toEqual([{ kind: "checkLimit" }]);
  });
});
