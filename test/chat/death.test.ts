// A relative tells the bot their mother has died: condolences and what the family receives come
// first; the report to the commune (the date of death) only after, when they are ready.
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/features/policy/loadPolicy.ts";
import { baseLevelFor } from "../../src/features/policy/monthlyAmount.ts";
import { formatVnd } from "../../src/lib/format.ts";
import { familyTestbed, linkedChat } from "./familyWorld.ts";
import { allText, seen } from "./seen.ts";

const SAY = {
  vi: {
    died: "mẹ tôi mất rồi",
    condolence: /chia buồn/i,
    support: /mai táng/i,
    askDate: /ngày nào|ngày mất/i,
    report: /báo (?:tin )?cho xã|báo xã/i,
  },
  en: {
    died: "my mother passed away",
    condolence: /sorry for your loss|condolences/i,
    support: /funeral/i,
    askDate: /which day|date of death/i,
    report: /tell the commune|report/i,
  },
} as const;

describe.each(["vi", "en"] as const)("a death told in the chat, in %s", (locale) => {
  const t = familyTestbed();

  it("gets condolences and the funeral support first, then the report to the commune when the family is ready", async () => {
    const s = SAY[locale];
    const nam = await linkedChat(t.db.prisma, t.h, t.world, t.world.phuong, `web-death-${locale}`, "relative", locale);
    const first = seen(await nam.send(s.died), locale);
    expect(first[0]?.text).toMatch(s.condolence);
    // Nothing is asked before the family has heard what they receive.
    const supportAt = first.findIndex((b) => s.support.test(b.text));
    const askAt = first.findIndex((b) => s.askDate.test(b.text));
    expect(supportAt).toBeGreaterThanOrEqual(0);
    expect(askAt).toBe(-1);
    // Social assistance: at least 20 × the base level in force (confirmed; a reported rise is not paid yet).
    const level = baseLevelFor(await loadPolicy(), "BTXH", "2026-07-15");
    expect(first.map((b) => b.text).join(" ")).toContain(formatVnd(20 * (level?.amount ?? 0), locale));
    const report = first.flatMap((b) => b.buttons).find((b) => s.report.test(b.label));
    expect(report).toBeDefined();
    const next = seen(await nam.press(report?.data ?? ""), locale);
    expect(next.map((b) => b.text).join(" ")).toMatch(s.askDate);
    // A person follows up with the family either way.
    expect(
      await t.db.prisma.hotlineTicket.count({ where: { identityId: await nam.identityId(), topic: "death" } }),
    ).toBe(1);
  });
});

describe("a death before a raise of the base level", () => {
  const t = familyTestbed();

  it("is answered with the support of the month of death once the family sends the date", async () => {
    const son = await linkedChat(t.db.prisma, t.h, t.world, t.world.lan, "web-death-june", "relative");
    const told = allText(await son.send("mẹ tôi mất rồi"), "vi");
    // Before the date is known: the level in force today (July 2026).
    const july = baseLevelFor(await loadPolicy(), "BTXH", "2026-07-15");
    const june = baseLevelFor(await loadPolicy(), "BTXH", "2026-06-20");
    if (!july || !june || july.amount === june.amount)
      throw new Error("the shipped policy has no raise on 1 July 2026");
    expect(told).toContain(formatVnd(20 * july.amount, "vi"));
    await son.press("death:report");
    await son.send("20/6/2026");
    const sent = allText(await son.press("rq:send"), "vi");
    // She died in June: 20 × June's level, said with the month.
    expect(sent).toContain(formatVnd(20 * june.amount, "vi"));
    expect(sent).toContain("06/2026");
    expect(sent).not.toContain(formatVnd(20 * july.amount, "vi"));
  });
});
