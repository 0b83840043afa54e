import { describe, expect, it } from "vitest";
import { decide } from "./decide.ts";
import type { ChatState } from "./state.ts";
import { buttonData, lastReply, replyKeys, testContext } from "./testContext.ts";

const ctx = testContext();
const HASH = "b".repeat(64);
const ASK_ID: ChatState = { flow: "linkById", step: "askId" };
const ASK_DOB: ChatState = { flow: "linkById", step: "askDob", pidHash: HASH, candidateId: "b-dao" };
const ASK_PHONE: ChatState = { flow: "linkById", step: "askPhone", pidHash: HASH, candidateId: "b-dao", dateOfBirth: "1940-05-09" };
const DAO = { beneficiaryId: "b-dao", fullName: "Nguyễn Thị Đào", sex: "FEMALE" as const };

describe("linking with ID, date of birth and phone", () => {
  it("checks the chat may still try before asking anything", () => {
    const d = decide(null, { kind: "button", data: "link:id" }, ctx);
    expect(d.effects).toEqual([{ kind: "checkLimit" }]);
    const next = decide(d.state, { kind: "result", result: { kind: "limit", blocked: false } }, ctx);
    expect(next.state).toEqual(ASK_ID);
    expect(replyKeys(next)).toEqual([["chat:id.intro", "chat:id.askId", "chat:id.exampleId"]]);
    const blocked = decide(d.state, { kind: "result", result: { kind: "limit", blocked: true } }, ctx);
    expect(blocked.state).toBeNull();
    expect(replyKeys(blocked)[0]?.[0]).toBe("chat:limit.tooMany");
  });

  it("explains a badly written ID at once, with an example, without counting it", () => {
    const short = decide(ASK_ID, { kind: "text", text: "0011450" }, ctx);
    expect(short.effects).toEqual([]);
    expect(short.state).toEqual(ASK_ID);
    expect(replyKeys(short)).toEqual([["chat:id.badIdFormat", "chat:id.exampleId"]]);
    expect(replyKeys(decide(ASK_ID, { kind: "text", text: "999145012345" }, ctx))).toEqual([["chat:id.badIdStructure", "chat:id.exampleId"]]);
  });

  it("resolves a well-formed ID without keeping it, and shows it back masked at step 2", () => {
    const d = decide(ASK_ID, { kind: "text", text: "001 140 123 456" }, ctx);
    expect(d.effects).toEqual([{ kind: "lookupId", personalId: "001140123456" }]);
    expect(JSON.stringify(d.state)).not.toContain("001140123456");
    const next = decide(d.state, { kind: "result", result: { kind: "idLookedUp", pidHash: HASH, candidateId: null, maskedPersonalId: "••••••••3456" } }, ctx);
    expect(next.state).toEqual({ flow: "linkById", step: "askDob", pidHash: HASH });
    expect(next.replies[0]?.text).toEqual([{ key: "chat:id.gotId", params: { id: "••••••••3456" } }, { key: "chat:id.askDob" }, { key: "chat:id.exampleDob" }]);
  });

  it("asks step 3 after a readable date, and explains an unreadable one", () => {
    const d = decide(ASK_DOB, { kind: "text", text: "9 5 1940" }, ctx);
    expect(d.state).toEqual(ASK_PHONE);
    expect(replyKeys(d)).toEqual([["chat:id.askPhone", "chat:id.examplePhone"]]);
    const bad = decide(ASK_DOB, { kind: "text", text: "9/5/40" }, ctx);
    expect(bad.state).toEqual(ASK_DOB);
    expect(replyKeys(bad)).toEqual([["chat:id.badDob", "chat:id.exampleDob"]]);
  });

  it("checks all three answers together", () => {
    const d = decide(ASK_PHONE, { kind: "text", text: "5678" }, ctx);
    expect(d.effects).toEqual([{ kind: "verifyIdentity", pidHash: HASH, candidateId: "b-dao", dateOfBirth: "1940-05-09", phoneLast4: "5678" }]);
    expect(replyKeys(decide(ASK_PHONE, { kind: "text", text: "56" }, ctx))).toEqual([["chat:id.badPhone", "chat:id.examplePhone"]]);
  });

  it("gives one answer for every mismatch and offers to try again, a code, or a person", () => {
    const d = decide(ASK_PHONE, { kind: "result", result: { kind: "identity", outcome: "mismatch" } }, ctx);
    expect(d.state).toBeNull();
    expect(replyKeys(d)).toEqual([["chat:id.mismatch", "chat:id.mismatchHint", "chat:contact.hotlineHours"]]);
    expect(buttonData(lastReply(d))).toEqual(["link:id", "link:code", "menu"]);
  });

  it("asks whether the person is the beneficiary after a match", () => {
    const d = decide(ASK_PHONE, { kind: "result", result: { kind: "identity", outcome: "ok", person: DAO } }, ctx);
    expect(d.state).toEqual({ flow: "linkById", step: "askRole", person: DAO });
    expect(replyKeys(d)).toEqual([["chat:id.verified"], ["chat:role.ask"]]);
  });

  it("links the person themself after consent", () => {
    const d = decide({ flow: "linkById", step: "askRole", person: DAO }, { kind: "button", data: "role:self" }, ctx);
    expect(d.state).toEqual({ flow: "consent", step: "askConsent", request: { person: DAO, role: "SELF", via: "IDENTITY_CHECK" } });
  });

  it("asks a relative for their own ID and links them only through a valid authorisation", () => {
    const asked = decide({ flow: "linkById", step: "askRole", person: DAO }, { kind: "button", data: "role:rel" }, ctx);
    expect(asked.state).toEqual({ flow: "linkById", step: "askRelativeId", person: DAO });
    expect(replyKeys(asked)).toEqual([["chat:relative.askId", "chat:id.exampleId"]]);

    const checked = decide(asked.state, { kind: "text", text: "001190222333" }, ctx);
    expect(checked.effects).toEqual([{ kind: "checkAuthorisation", beneficiaryId: "b-dao", relativePersonalId: "001190222333" }]);

    const found = decide(checked.state, { kind: "result", result: { kind: "authorisation", outcome: "found", authorisationId: "au-1", relativeId: "r-1" } }, ctx);
    expect(found.state).toEqual({
      flow: "consent",
      step: "askConsent",
      request: { person: DAO, role: "REPRESENTATIVE", via: "AUTHORISATION", authorisationId: "au-1", relativeId: "r-1" },
    });

    const missing = decide(checked.state, { kind: "result", result: { kind: "authorisation", outcome: "notFound" } }, ctx);
    expect(missing.state).toBeNull();
    expect(replyKeys(missing)[0]).toEqual(["chat:relative.needAuthorisation", "chat:relative.orCode", "chat:contact.hotlineHours"]);
  });

  it("starts again from step 1 after a timeout", () => {
    const d = decide(ASK_PHONE, { kind: "button", data: "restart" }, testContext({ idleMs: 3_600_000 }));
    expect(d.effects).toEqual([{ kind: "checkLimit" }]);
  });
});
