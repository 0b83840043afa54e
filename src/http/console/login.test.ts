import { describe, expect, it } from "vitest";
import { safeNext } from "./login.ts";

describe("safeNext", () => {
  it("keeps local console paths with their query", () => {
    expect(safeNext("/console")).toBe("/console");
    expect(safeNext("/console/beneficiaries?q=nguyen&page=2")).toBe("/console/beneficiaries?q=nguyen&page=2");
  });
  it("refuses anything that could leave the console or loop back to sign-in", () => {
    for (const bad of [
      "//evil.example",
      "https://evil.example/console",
      "/\\evil.example",
      "/consoles",
      "/console//evil",
      "/console/login",
      "/console/x y",
      undefined,
      ["/console"],
    ]) {
      expect(safeNext(bad), String(bad)).toBeNull();
    }
  });
});
