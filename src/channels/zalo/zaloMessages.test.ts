import { describe, expect, it } from "vitest";
import { splitText, zaloMessages } from "./zaloMessages.ts";

const choice = (n: number) => ({ label: `Lựa chọn ${n}`, data: `c:${n}` });

describe("laying a reply out for Zalo", () => {
  it("sends a short reply as one message with its buttons as hidden queries", () => {
    const [only, ...rest] = zaloMessages({ text: "Xin chào", buttons: [[choice(1), choice(2)], [choice(3)]] });
    expect(rest).toEqual([]);
    expect(only?.text).toBe("Xin chào");
    expect(only?.attachment?.payload.buttons).toEqual([
      { title: "Lựa chọn 1", type: "oa.query.hide", payload: "#btn:c:1" },
      { title: "Lựa chọn 2", type: "oa.query.hide", payload: "#btn:c:2" },
      { title: "Lựa chọn 3", type: "oa.query.hide", payload: "#btn:c:3" },
    ]);
  });

  it("lists the choices beyond Zalo's button cap, numbered, in the text", () => {
    const buttons = [[1, 2, 3, 4, 5, 6, 7].map(choice)];
    const [msg] = zaloMessages({ text: "Chọn một mục", buttons }, { textMaxChars: 2000, maxButtons: 5, buttonTitleMaxChars: 100 });
    expect(msg?.attachment?.payload.buttons).toHaveLength(5);
    expect(msg?.text).toBe("Chọn một mục\n\n6. Lựa chọn 6\n7. Lựa chọn 7");
  });

  it("splits a long text at paragraph breaks and puts the buttons on the last part", () => {
    const para = "Khoản trợ cấp tháng này đã được chuyển. ".repeat(30).trim();
    const messages = zaloMessages({ text: [para, para, para].join("\n\n"), buttons: [[choice(1)]] }, { textMaxChars: 2000, maxButtons: 5, buttonTitleMaxChars: 100 });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect([...m.text].length).toBeLessThanOrEqual(2000);
    expect(messages.map((m) => m.text).join("\n\n")).toBe([para, para, para].join("\n\n"));
    expect(messages.slice(0, -1).every((m) => m.attachment === undefined)).toBe(true);
    expect(messages.at(-1)?.attachment?.payload.buttons).toHaveLength(1);
  });

  it("cuts a text without spaces hard, and never inside a character", () => {
    const parts = splitText("ồ".repeat(25), 10);
    expect(parts).toEqual(["ồ".repeat(10), "ồ".repeat(10), "ồ".repeat(5)]);
  });

  it("shortens a button title that is too long", () => {
    const [msg] = zaloMessages({ text: "x", buttons: [[{ label: "a".repeat(30), data: "d" }]] }, { textMaxChars: 2000, maxButtons: 5, buttonTitleMaxChars: 20 });
    expect(msg?.attachment?.payload.buttons[0]?.title).toBe(`${"a".repeat(19)}…`);
  });
});
