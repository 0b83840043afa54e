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
      [text("khong"), "chat:elig.askSupporter"],
      [text("không có ai"), "chat:elig.askNcc"],
    ];
    for (const [input, asked] of steps) {
      d = decide(d.state, input, ctx);
      expect(replyKeys(d)).toEqual([[asked]]);
      expect(stored(d.state)).toEqual({ ...d.state, v: undefined });
    }
    d = decide(d.state, text("thân nhân liệt sĩ"), ctx);
    expect(d.state).toBeNull();
    expect(d.effects).toEqual([
      {
        kind: "assessEligibility",
        by: "eligibility",
        answers: {
          age: 77,
          pension: "none",
          household: "near_poor",
          disability: "none",
          hasSupporter: false,
          ncc: "martyr_relative",
        },
      },
    ]);
  });

  it("a small pension is its own answer: the social pension may still pay the difference", () => {
    let d = decide(null, press("elig"), ctx);
    d = decide(d.state, text("80"), ctx);
    expect(buttonData(lastReply(d))).toEqual([
      "el:pension:none",
      "el:pension:below",
      "el:pension:above",
      "cancel",
      "hotline",
    ]);
    d = decide(d.state, text("có nhưng ít lắm"), ctx);
    expect(d.state).toMatchObject({ answers: { pension: "below" } });
  });

  it("asks a poor child about being orphaned and HIV, not about a pension or support; asks everyone about meritorious services", () => {
    let d = decide(null, press("elig"), ctx);
    d = decide(d.state, text("con tôi 10 tuổi"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.askHousehold"]]);
    d = decide(d.state, press("el:household:poor"), ctx);
    d = decide(d.state, text("đặc biệt nặng"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.askOrphan"]]);
    d = decide(d.state, press("el:orphan:no"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.askHiv"]]);
    d = decide(d.state, text("khong"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.askNcc"]]);
    d = decide(d.state, press("el:ncc:none"), ctx);
    expect(d.effects).toEqual([
      {
        kind: "assessEligibility",
        by: "eligibility",
        answers: {
          age: 10,
          household: "poor",
          disability: "especially_severe",
          orphan: false,
          hiv: false,
          ncc: "none",
        },
      },
    ]);
  });

  it("asks a poor or near-poor adult under 60 whether they raise children alone", () => {
    const asking: EligibilityState = {
      flow: "eligibility",
      step: "disability",
      answers: { age: 35, household: "near_poor" },
    };
    const d = decide(asking, press("el:disability:none"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.askSingleParent"]]);
  });

  it("asks again when the answer does not fit, and can be cancelled", () => {
    const asking: EligibilityState = { flow: "eligibility", step: "household", answers: { age: 81 } };
    const d = decide(asking, text("để tôi xem"), ctx);
    expect(d.state).toEqual({ ...asking, v: 2 });
    expect(replyKeys(d)).toEqual([["chat:notAnAnswer", "chat:elig.askHousehold"]]);
    expect(buttonData(lastReply(d))).toEqual([
      "el:household:poor",
      "el:household:near_poor",
      "el:household:other",
      "cancel",
      "hotline",
    ]);
    expect(decide(asking, press("cancel"), ctx).state).toBeNull();
  });

  it("a guide stored before the legal question on support carries on: living alone reads as nobody to support them", () => {
    // As the guide stored it before (envelope 1): yes/no to a pension, and "lives alone".
    const asked = brain.restore(
      {
        flow: "eligibility",
        step: "livesAlone",
        answers: { age: 77, hasPension: false, household: "near_poor", disability: "none" },
      },
      1,
    );
    expect(asked).toMatchObject({ step: "supporter", answers: { pension: "none" } });
    expect(replyKeys(decide(asked, text("đang hỏi gì vậy"), ctx))).toEqual([
      ["chat:notAnAnswer", "chat:elig.askSupporter"],
    ]);
    const answered = brain.restore(
      {
        flow: "eligibility",
        step: "age",
        answers: { age: 77, hasPension: true, household: "other", disability: "none", livesAlone: true },
      },
      1,
    );
    const d = decide(answered, text("77"), ctx);
    expect(replyKeys(d)).toEqual([["chat:elig.askNcc"]]);
    expect(decide(d.state, press("el:ncc:none"), ctx).effects).toEqual([
      {
        kind: "assessEligibility",
        by: "eligibility",
        answers: {
          age: 77,
          pension: "above",
          household: "other",
          disability: "none",
          hasSupporter: false,
          ncc: "none",
        },
      },
    ]);
  });

  it("refuses an age that cannot be one", () => {
    const asking: EligibilityState = { flow: "eligibility", step: "age", answers: {} };
    expect(replyKeys(decide(asking, text("1940"), ctx))[0]?.[0]).toBe("chat:notAnAnswer");
  });

  it("ends with what may apply and the menu", () => {
    const replies = [{ text: [{ key: "entitlements:eligibility.x" }] }];
    const d = decide(
      null,
      { kind: "result", result: { to: "eligibility", value: { kind: "assessEligibility", value: { replies } } } },
      ctx,
    );
    expect(replyKeys(d)).toEqual([["entitlements:eligibility.x"], ["chat:menu.unlinked"]]);
  });
});
