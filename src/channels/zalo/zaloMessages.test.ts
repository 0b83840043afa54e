import { describe, expect, it } from "vitest";
import { layoutReplies } from "../replyLayout.ts";
import { splitText, zaloTexts } from "./zaloMessages.ts";

const choice = (n: number) => ({ label: `Lựa chọn ${n}`, data: `c:${n}` });
const CHOOSE = "Bác gõ số để chọn:";

describe("laying a reply out for Zalo's v3 consultation text", () => {
  it("lists every choice as a short numbered line the person types, under one line saying so", () => {
    expect(zaloTexts({ text: "Xin chào", buttons: [[choice(1), choice(2)], [choice(3)]] }, CHOOSE)).toEqual([
      "Xin chào\n\nBác gõ số để chọn:\n1. Lựa chọn 1\n2. Lựa chọn 2\n3. Lựa chọn 3",
    ]);
  });

  it("sends a reply without choices as its text alone", () => {
    expect(zaloTexts({ text: "Đã lưu.", buttons: [] }, CHOOSE)).toEqual(["Đã lưu."]);
  });

  it("splits only a text longer than Zalo's 2000 characters, at paragraph breaks, the choices last", () => {
    const para = "Khoản trợ cấp tháng này đã được chuyển. ".repeat(30).trim();
    const texts = zaloTexts({ text: [para, para, para].join("\n\n"), buttons: [[choice(1)]] }, CHOOSE);
    // Three paragraphs of 1200 characters: three messages, none above the limit.
    expect(texts.length).toBe(3);
    for (const t of texts) expect([...t].length).toBeLessThanOrEqual(2000);
    expect(texts.at(-1)?.endsWith("1. Lựa chọn 1")).toBe(true);
  });

  it("cuts a text without spaces hard, and never inside a character", () => {
    expect(splitText("ồ".repeat(25), 10)).toEqual(["ồ".repeat(10), "ồ".repeat(10), "ồ".repeat(5)]);
  });

  it("shortens a choice that is too long", () => {
    const [text] = zaloTexts({ text: "x", buttons: [[{ label: "a".repeat(30), data: "d" }]] }, CHOOSE, {
      textMaxChars: 2000,
      choiceMaxChars: 20,
    });
    expect(text?.endsWith(`1. ${"a".repeat(19)}…`)).toBe(true);
  });
});

describe("one turn's replies", () => {
  const welcome = { text: [{ key: "chat:welcome" }] };
  const menu = {
    text: [{ key: "chat:menu.unlinked" }],
    buttons: [[{ label: { key: "chat:button.linkByCode" }, data: "link:code" }]],
  };

  it("become one message on Zalo, paragraphs in order and the choices kept", () => {
    expect(layoutReplies("ZALO", [welcome, menu])).toEqual([
      { text: [...welcome.text, ...menu.text], buttons: menu.buttons },
    ]);
  });

  it("stay one message each on Telegram and the web chat", () => {
    expect(layoutReplies("TELEGRAM", [welcome, menu])).toEqual([welcome, menu]);
    expect(layoutReplies("WEB", [welcome, menu])).toEqual([welcome, menu]);
  });
});
