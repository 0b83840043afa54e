import { describe, expect, it } from "vitest";
import { commandOf } from "./commands.ts";

const text = (t: string) => commandOf({ kind: "text", text: t });

describe("commands that work anywhere", () => {
  it.each([
    ["Hủy", "cancel"],
    ["HUỶ", "cancel"],
    ["huy", "cancel"],
    ["thôi", "cancel"],
    ["/cancel", "cancel"],
    ["menu", "menu"],
    ["/menu", "menu"],
    ["Bắt đầu", "menu"],
    ["help", "help"],
    ["/help", "help"],
    ["Trợ giúp", "help"],
    ["hướng dẫn!", "help"],
    ["Xóa liên kết", "unlink"],
    ["xoá liên kết", "unlink"],
    ["XOA LIEN KET", "unlink"],
    ["unlink", "unlink"],
  ])("%s is the %s command, with or without accents", (typed, kind) => {
    expect(text(typed)?.kind).toBe(kind);
  });

  it("switches language on the language's own name", () => {
    expect(text("English")).toEqual({ kind: "language", locale: "en" });
    expect(text("Tiếng Việt")).toEqual({ kind: "language", locale: "vi" });
    expect(text("tieng viet")).toEqual({ kind: "language", locale: "vi" });
  });

  it("reads /start with or without a deep-link payload", () => {
    expect(text("/start")).toEqual({ kind: "start" });
    expect(text("/start ABCD-EFGH")).toEqual({ kind: "start", payload: "ABCD-EFGH" });
    expect(commandOf({ kind: "start", payload: "ABCDEFGH" })).toEqual({ kind: "start", payload: "ABCDEFGH" });
    expect(commandOf({ kind: "start", payload: " " })).toEqual({ kind: "start" });
  });

  it("reads menu buttons and person buttons", () => {
    expect(commandOf({ kind: "button", data: "link:code" })).toEqual({ kind: "linkByCode" });
    expect(commandOf({ kind: "button", data: "sw:b-1" })).toEqual({ kind: "select", beneficiaryId: "b-1" });
  });

  it("leaves ordinary answers to the flow", () => {
    expect(text("xin chào")).toBeNull();
    expect(text("huy hoàng")).toBeNull();
    expect(commandOf({ kind: "button", data: "consent:yes" })).toBeNull();
    expect(commandOf({ kind: "unsupported", what: "sticker" })).toBeNull();
  });
});
