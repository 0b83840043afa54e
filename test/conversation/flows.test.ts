// The chat's flows as one list: each state stored by an older version is migrated rather than
// thrown away, a clash between two flows stops the bot at start, and a result goes back to the
// flow that asked for it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decision, defineFlow } from "../../src/conversation/flow.ts";
import { createRegistry } from "../../src/conversation/registry.ts";
import { createBrain, STATE_VERSION } from "../../src/features/chat/brain.ts";
import { FLOWS } from "../../src/features/chat/flows.ts";
import { testContext } from "../../src/features/chat/testContext.ts";

const brain = createBrain();
const person = { beneficiaryId: "b-1", fullName: "Nguyễn Thị Phượng", sex: "FEMALE" as const };

describe("stored states across versions", () => {
  it("reads a walkthrough stored before states carried their flow's version, exactly as it was", () => {
    const v1 = {
      flow: "authorise",
      step: "relation",
      person,
      draft: { starter: "RELATIVE", relativeName: "Nguyễn Văn Nam" },
    };
    expect(brain.restore(v1, 1)).toEqual(v1);
  });

  it("migrates the unclear-message count of version 1 (flow 'clarify') into today's flow", () => {
    expect(brain.restore({ flow: "clarify", step: "chooseTopic", unclear: 1 }, 1)).toEqual({
      flow: "understand",
      unclear: 1,
    });
  });

  it("reads back what it writes today", () => {
    const d = brain.decide(null, { kind: "button", data: "link:code" }, testContext());
    expect(d.state).toMatchObject({ flow: "linkByCode", step: "askCode", v: 1 });
    expect(brain.restore(JSON.parse(JSON.stringify(d.state)), STATE_VERSION)).toEqual({
      flow: "linkByCode",
      step: "askCode",
    });
  });

  it("drops only what it cannot read: an unknown flow, a wrong shape, a version from the future", () => {
    expect(brain.restore({ flow: "shoeShop", step: "size" }, STATE_VERSION)).toBeNull();
    expect(brain.restore({ flow: "linkByCode", step: "askShoeSize" }, STATE_VERSION)).toBeNull();
    expect(brain.restore({ flow: "linkByCode", step: "askCode", v: 7 }, STATE_VERSION)).toBeNull();
  });
});

describe("the list of flows", () => {
  it("builds without a clash, and every flow that keeps a state can ask its question again", () => {
    const registry = createRegistry(FLOWS);
    expect(registry.flows.length).toBe(FLOWS.length);
    for (const flow of FLOWS) expect(registry.flow(flow.name)).toBe(flow);
  });

  it("refuses two flows claiming the same button, naming both", () => {
    const a = defineFlow<never, string>({
      name: "a",
      opens: { buttons: { go: "x" } },
      start: () => decision(null, []),
    });
    const b = defineFlow<never, string>({
      name: "b",
      opens: { buttons: { go: "y" } },
      start: () => decision(null, []),
    });
    expect(() => createRegistry([a, b])).toThrow(/button "go" is claimed by a/);
  });

  it("migrates a flow's own older state through its chain of steps", () => {
    const v3 = z.object({ flow: z.literal("pet"), name: z.string(), legs: z.number() });
    const pet = defineFlow({
      name: "pet",
      state: {
        schema: v3,
        version: 3,
        migrations: {
          1: z
            .object({ flow: z.literal("pet"), petName: z.string() })
            .transform((s) => ({ flow: "pet", name: s.petName })),
          2: z.object({ flow: z.literal("pet"), name: z.string() }).transform((s) => ({ ...s, legs: 4 })),
        },
      },
      step: () => null,
      prompt: () => ({ text: [{ key: "x" }] }),
    });
    const registry = createRegistry([pet]);
    expect(registry.restore({ flow: "pet", petName: "Mực", v: 1 }, 2)).toEqual({ flow: "pet", name: "Mực", legs: 4 });
    expect(registry.restore({ flow: "pet", name: "Mực", v: 2 }, 2)).toEqual({ flow: "pet", name: "Mực", legs: 4 });
  });
});

describe("results", () => {
  it("go back to the flow that asked: an ID looked up for linking asks the date of birth next", () => {
    const asked = brain.decide(null, { kind: "button", data: "link:id" }, testContext());
    expect(asked.effects).toEqual([{ kind: "checkLimit", by: "linkById" }]);
    const askingId = { flow: "linkById", step: "askId" };
    const looked = brain.decide(
      askingId,
      {
        kind: "result",
        result: {
          to: "linkById",
          value: {
            kind: "lookupId",
            value: { pidHash: "a".repeat(64), candidateId: null, maskedPersonalId: "••••3456" },
          },
        },
      },
      testContext(),
    );
    expect(looked.state).toMatchObject({ flow: "linkById", step: "askDob" });
    expect(looked.replies[0]?.text[0]).toEqual({ key: "chat:id.gotId", params: { id: "••••3456" } });
  });

  it("keep a question in progress open when the hotline answers: opening a ticket does not end a walkthrough", () => {
    const inProgress = { flow: "linkById", step: "askId" };
    const opened = brain.decide(inProgress, { kind: "button", data: "hotline" }, testContext());
    expect(opened.state).toMatchObject(inProgress);
    const told = brain.decide(
      opened.state,
      {
        kind: "result",
        result: {
          to: "hotline",
          value: {
            kind: "escalate",
            value: {
              topic: "talk_to_human",
              number: 3,
              dueTime: "11:00",
              dueDate: "2026-07-15",
              openNow: true,
              existing: false,
            },
          },
        },
      },
      testContext(),
    );
    expect(told.state).toMatchObject(inProgress);
    expect(told.replies[0]?.buttons?.flat().map((b) => b.data)).toContain("resume");
  });
});
