// Messages the way people really type them: English, a long story with the question inside, a
// question about a request already sent, a bank typed by name, a month written as people write it,
// and "how much" asked by someone not linked yet.
import { beforeAll, describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/features/policy/loadPolicy.ts";
import { baseLevelFor } from "../../src/features/policy/monthlyAmount.ts";
import { formatVnd } from "../../src/lib/format.ts";
import { requestReference } from "../../src/features/requests/drafts.ts";
import { askToCollect, familyTestbed, linkedChat } from "./familyWorld.ts";
import { createHarness, type Person } from "./harness.ts";
import { allText, seen } from "./seen.ts";

const LONG = {
  vi:
    "Dạ chào cô chú ở xã, con là con trai của bà Phượng ở thôn 4. Mẹ con năm nay 84 tuổi rồi, chân yếu không đi lại được, " +
    "mấy bữa nay trời mưa suốt nên con cũng chưa về thăm mẹ được. Hàng xóm có nói là tháng này xã đổi cách phát tiền, " +
    "con nghe không rõ lắm, mà mẹ con thì lo lắm, cứ hỏi con hoài, con đi làm xa ở tỉnh khác nên không tự lên xã hỏi được. " +
    "Nên con nhắn hỏi cho chắc: tháng này khi nào thì mẹ con được nhận tiền và nhận ở đâu ạ? Con cảm ơn cô chú nhiều ạ.",
  en:
    "Hello, good morning. I am writing for my mother, Mrs Phuong, she is 84 and cannot walk far any more, and I live in another " +
    "province so I only visit her at the weekend. A neighbour told her that the commune changed something about the payments this " +
    "month and she is a bit worried, because last year they moved the payout point to the new commune office and she got lost. " +
    "Could you please tell me when she will get the money this month and where? Thank you so much.",
} as const;

describe.each(["vi", "en"] as const)("understanding people as they write, in %s", (locale) => {
  const t = familyTestbed();
  let nam: Person;

  beforeAll(async () => {
    nam = await linkedChat(t.db.prisma, t.h, t.world, t.world.phuong, `web-nlu-nam-${locale}`, "relative", locale);
  });

  it("answers a short free-text question about the payout day", async () => {
    const text = allText(
      await nam.send(locale === "vi" ? "bao h me toi dc nhan tien" : "when will my mom get paid"),
      locale,
    );
    expect(text).toContain("15/07/2026");
    expect(text).toContain("13:30");
  });

  it("finds the question inside a long message among greetings and the story", async () => {
    expect(LONG[locale].length).toBeGreaterThan(400);
    const text = allText(await nam.send(LONG[locale]), locale);
    expect(text).toContain("15/07/2026");
  });

  it("tells where a request already sent stands, instead of starting a new one", async () => {
    await askToCollect(nam);
    const sent = await t.db.prisma.changeRequest.findFirstOrThrow({
      where: { submittedById: await nam.identityId(), status: "PENDING" },
    });
    const replies = await nam.send(
      locale === "vi" ? "giấy ủy quyền của tôi xã duyệt chưa" : "has the commune approved my authorisation yet",
    );
    const text = allText(replies, locale);
    expect(text).toContain(requestReference(sent.id));
    expect(text).toMatch(/chờ|waiting/i);
    const conversation = await t.db.prisma.conversation.findUniqueOrThrow({
      where: { identityId: await nam.identityId() },
    });
    expect(conversation.flow).toBeNull();
    expect(await t.db.prisma.changeRequest.count({ where: { submittedById: await nam.identityId() } })).toBe(1);
  });

  it("accepts a bank typed by its name, short name or common wording at the bank step", async () => {
    const lan = await linkedChat(t.db.prisma, t.h, t.world, t.world.lan, `web-bank-${locale}`, "self", locale);
    const tries: [string, "BANK" | "EWALLET", string][] = [
      ["agribank", "BANK", "Agribank"],
      ["ngân hàng nông nghiệp", "BANK", "Agribank"],
      ["vcb", "BANK", "Vietcombank"],
      ["ngan hang ngoai thuong", "BANK", "Vietcombank"],
      ["ví momo", "EWALLET", "MoMo"],
    ];
    for (const [typed, type, provider] of tries) {
      await lan.send(locale === "vi" ? "hủy" : "cancel");
      await lan.press("rq:account");
      await lan.press(`rq:type:${type}`);
      await lan.press("rq:have");
      const next = allText(await lan.send(typed), locale);
      expect(next, typed).toContain(provider);
      expect(next, typed).toMatch(/số tài khoản|số điện thoại|account number|phone number/i);
    }
  });

  it("accepts the month example it shows itself, and months written as 'tháng 1' or 'tháng sau'", async () => {
    // Late in the year: an example fixed as "8/2026" would already be in the past.
    const autumn = createHarness(t.db.prisma, new Date("2026-11-10T03:00:00Z"));
    const hai = await linkedChat(t.db.prisma, autumn, t.world, t.world.lan, `web-month-${locale}`, "self", locale);
    const toMonth = async () => {
      await hai.send(locale === "vi" ? "hủy" : "cancel");
      await hai.press("rq:auth");
      await hai.send("Trần Văn Hai");
      await hai.press("rq:rel:child");
      await hai.send("001089012399");
      return seen(await hai.send("0903 222 333"), locale);
    };
    const prompt = (await toMonth()).map((b) => b.text).join("\n");
    const example = /(?:Ví dụ|For example|e\.g\.)[: ]+(\d{1,2}\/\d{4})/i.exec(prompt)?.[1];
    expect(example).toBeDefined();
    const months: [string, string][] = [
      [example ?? "", "duration"],
      [locale === "vi" ? "tháng 1" : "January", "01/2027"],
      [locale === "vi" ? "tháng sau" : "next month", "12/2026"],
    ];
    for (const [typed, expected] of months) {
      if (typed !== example) await toMonth();
      const answer = seen(await hai.send(typed), locale)
        .map((b) => b.text)
        .join("\n");
      expect(answer, typed).not.toMatch(/đã qua|in the past|chưa đọc được|could not read/i);
      if (expected !== "duration")
        expect(
          await t.db.prisma.changeRequest
            .findFirst({ where: { submittedById: await hai.identityId(), status: "DRAFT" } })
            .then((r) => JSON.stringify(r?.data)),
        ).toContain(`"fromMonth":"${expected.slice(3)}-${expected.slice(0, 2)}-01"`);
    }
  });

  it("tells someone not linked yet how much people receive, not when", async () => {
    const stranger = t.h.person(`web-amount-${locale}`);
    if (locale === "en") await stranger.press("lang:en");
    const text = allText(
      await stranger.send(locale === "vi" ? "mỗi tháng được bao nhiêu" : "how much do they pay each month"),
      locale,
    );
    const level = baseLevelFor(await loadPolicy(), "BTXH", "2026-07-15");
    expect(text).toContain(formatVnd(level?.amount ?? 0, locale));
  });
});
