import { describe, expect, it } from "vitest";
import { createI18n } from "../../core/i18n.ts";
import type { Reply } from "../../core/reply.ts";
import { smsKeyword } from "../../features/chat/smsKeywords.ts";
import { gsmLength, smsParts, smsText, toGsm } from "./smsText.ts";

const i18n = await createI18n();
const t = i18n.t("vi");
const plain = (text: string) => ({ key: "channels:sms.plain", params: { text } });

describe("an answer as one SMS for a feature phone", () => {
  it("is without accents and within GSM-7", () => {
    const text = smsText(t, "vi", { text: [plain("Bác nhận 1.500.000 đ “tiền mặt” – ở Đình làng… 👍")] });
    expect(text).toBe('Bac nhan 1.500.000 d "tien mat" - o Dinh lang...');
    expect(toGsm(text)).toBe(text);
  });

  it("numbers the choices after the text", () => {
    const reply: Reply = {
      text: [plain("Ky toi Bac nhan 1.500.000 d.")],
      buttons: [[{ label: plain("Vì sao"), data: "why:2026-12-01" }], [{ label: plain("Quay lại"), data: "menu" }]],
    };
    expect(smsText(t, "vi", reply)).toBe("Ky toi Bac nhan 1.500.000 d.\nBac nhan so de chon:\n1. Vi sao\n2. Quay lai");
  });

  it("keeps the figures and drops tips, then choices, when it does not fit in three parts", () => {
    const tip = "Bac nho mang theo giay to tuy than va so ho khau khi di nhan tien o diem chi tra nhe. ".repeat(3);
    const reply: Reply = {
      text: [plain("Ngay 05/12/2026 Bac nhan tien."), plain(tip), plain("So tien: 1.500.000 d."), plain(tip)],
      buttons: Array.from({ length: 8 }, (_, i) => [{ label: plain(`Lua chon so ${i + 1} kha dai`), data: `c${i}` }]),
    };
    const text = smsText(t, "vi", reply);
    expect(smsParts(text)).toBeLessThanOrEqual(3);
    expect(gsmLength(text)).toBeLessThanOrEqual(459);
    expect(text).toContain("05/12/2026");
    expect(text).toContain("1.500.000 d");
    expect(text).not.toContain("giay to");
    expect(text).toContain("1. Lua chon so 1");
  });

  it("cuts a single long paragraph at a word, never inside one", () => {
    const words = Array.from({ length: 200 }, (_, i) => `tu${i}`).join(" ");
    const text = smsText(t, "vi", { text: [plain(words)] });
    expect(gsmLength(text)).toBeLessThanOrEqual(459);
    expect(text.endsWith("...")).toBe(true);
    const last = text.slice(0, -3).split(" ").at(-1)!;
    expect(words.split(" ")).toContain(last);
  });
});

describe("SMS keywords", () => {
  it("are read without accents, case or spaces", () => {
    expect(smsKeyword("tiền")?.words[0]).toBe("TIEN");
    expect(smsKeyword(" Số tiền! ")?.words[0]).toBe("SOTIEN");
    expect(smsKeyword("?")?.words[0]).toBe("HD");
    expect(smsKeyword("huy")?.words[0]).toBe("HUY");
    expect(smsKeyword("bao gio co tien")).toBeNull();
  });
});
