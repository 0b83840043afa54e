import { describe, expect, it } from "vitest";
import type { FlowState } from "../../../../conversation/flow.ts";
import { toJsonValue } from "../../../../lib/json.ts";
import { createBrain, STATE_VERSION } from "../../brain.ts";
import { buttonData, lastReply, replyKeys, testContext } from "../../testContext.ts";
import type { EligibilityState } from "./state.ts";

const brain = createBrain();
const decide = brain.decide;
/** The state as the next message reads it back from the database. */
const stored = (state: FlowState | null) => brain.restore(toJsonValue(state), STATE_VERSION);

const ctx = testContext();
const text = (t: string) => ({ kind: "text" as const, text: t });
const press = (data: string) => ({ kind: "button" as const, data });

describe("the eligibility guide", () => {
  it("asks one question per message, with buttons, and keeps its answers readable after storing", () => {
    let d = decide(null, press("elig"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.intro", "chat:elig.askAge", "chat:elig.ageHint"]]);
    expect(lastReply(d)?.buttons?.every((row) => row.length <= 2)).toBe(true);
    const steps: [ReturnType<typeof text> | ReturnType<typeof press>, string][] = [
      [press("el:age:77"), "chat:elig.askPension"],
      [text("Không"), "chat:elig.askHousehold"],
      [text("ho can ngheo"), "chat:elig.askDisability"],
      [text("khong"), "chat:elig.askLivesAlone"],
    ];
    for (const [input, asked] of steps) {
      d = decide(d.state, input, ctx);
      expect(replyKeys(d)).toEqual([[asked]]);
      expect(stored(d.state)).toEqual({ ...d.state, v: undefined });
    }
    d = decide(d.state, text("có"), ctx);
    expect(d.state).toBeNull();
    expect(d.effects).toEqual([
      { kind: "assessEligibility", by: "eligibility", answers: { age: 77, hasPension: false, household: "near_poor", disability: "none", livesAlone: true } },
    ]);
  });

  it("does not ask a child about a pension or living alone", () => {
    let d = decide(null, press("elig"), ctx);
    d = decide(d.state, text("con tôi 10 tuổi"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.askHousehold"]]);
    d = decide(d.state, press("el:poor"), ctx);
    d = decide(d.state, text("đặc biệt nặng"), ctx);
    expect(d.effects).toEqual([{ kind: "assessEligibility", by: "eligibility", answers: { age: 10, household: "poor", disability: "especially_severe" } }]);
  });

  it("asks again when the answer does not fit, and can be cancelled", () => {
    const asking: EligibilityState = { flow: "eligibility", step: "household", answers: { age: 81 } };
    const d = decide(asking, text("để tôi xem"), ctx);
    expect(d.state).toEqual({ ...asking, v: 1 });
    expect(replyKeys(d)).toEqual([["chat:notAnAnswer", "chat:elig.askHousehold"]]);
    expect(buttonData(lastReply(d))).toEqual(["el:poor", "el:near", "el:other", "cancel", "hotline"]);
    expect(decide(asking, press("cancel"), ctx).state).toBeNull();
  });

  it("refuses an age that cannot be one", () => {
    const asking: EligibilityState = { flow: "eligibility", step: "age", answers: {} };
    expect(replyKeys(decide(asking, text("1940"), ctx))[0]?.[0]).toBe("chat:notAnAnswer");
  });

  it("ends with what may apply and the menu", () => {
    const replies = [{ text: [{ key: "entitlements:eligibility.x" }] }];
    const d = decide(null, { kind: "result", result: { to: "eligibility", value: { kind: "assessEligibility", value: { replies } } } }, ctx);
    expect(replyKeys(d)).toEqual([["entitlements:eligibility.x"], ["chat:menu.unlinked"]]);
  });
});
