import { describe, expect, it } from "vitest";
import { toJsonValue } from "./json.ts";

describe("toJsonValue", () => {
  it("keeps nested nulls so stored state reads back the same", () => {
    const state = { flow: "linkById", step: "askDob", hint: null, list: [1, null, "a"] };
    expect(toJsonValue(state)).toEqual(state);
  });
  it("turns dates and big integers into strings and drops undefined fields", () => {
    expect(toJsonValue({ at: new Date("2026-01-02T03:04:05Z"), n: 12n, gone: undefined })).toEqual({
      at: "2026-01-02T03:04:05.000Z",
      n: "12",
    });
  });
});
