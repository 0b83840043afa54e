import { describe, expect, it } from "vitest";
import { toJsonValue } from "../../lib/json.ts";
import { decide } from "./decide.ts";
import type { ChatResult } from "./protocol.ts";
import { chatState, type ChatState } from "./state.ts";
import { DAO, testContext } from "./testContext.ts";

const HASH = "c".repeat(64);
const person = { beneficiaryId: "b-1", fullName: "Nguyễn Văn Một", sex: "MALE" as const };

describe("the stored conversation state", () => {
  const states: ChatState[] = [
    { flow: "linkByCode", step: "askCode" },
    { flow: "linkByCode", step: "askRole", linkCodeId: "lc-1", person },
    { flow: "linkById", step: "askId" },
    { flow: "linkById", step: "askDob", pidHash: HASH },
    { flow: "linkById", step: "askPhone", pidHash: HASH, candidateId: "b-1", dateOfBirth: "1945-03-12" },
    { flow: "linkById", step: "askRole", person: { beneficiaryId: "b-2", fullName: "Không Rõ" } },
    { flow: "linkById", step: "askRelativeId", person },
    { flow: "consent", step: "askConsent", request: { person, role: "REPRESENTATIVE", via: "AUTHORISATION", authorisationId: "a-1", relativeId: "r-1" } },
    { flow: "unlink", step: "chooseScope", person },
  ];

  it.each(states.map((s) => [`${s.flow}/${s.step}`, s] as const))("reads back %s exactly as it was written", (_name, state) => {
    expect(chatState.parse(toJsonValue(state))).toEqual(state);
  });

  it("reads back what the flows store after an unknown ID (nothing to remember but the hash)", () => {
    const result: ChatResult = { kind: "idLookedUp", pidHash: HASH, candidateId: null, maskedPersonalId: "••••••••9999" };
    const d = decide({ flow: "linkById", step: "askId" }, { kind: "result", result }, testContext());
    expect(chatState.parse(toJsonValue(d.state))).toEqual(d.state);
  });

  it("reads back the unlink question for a person whose sex is not known", () => {
    const d = decide(null, { kind: "text", text: "unlink" }, testContext({ links: [{ ...DAO, sex: undefined }] }));
    expect(chatState.parse(toJsonValue(d.state))).toEqual(d.state);
  });

  it("refuses states it does not know, so they are reset instead of trusted", () => {
    expect(chatState.safeParse({ flow: "linkById", step: "askShoeSize" }).success).toBe(false);
    expect(chatState.safeParse({ flow: "linkById", step: "askDob", pidHash: "001140123456" }).success).toBe(false);
  });
});
