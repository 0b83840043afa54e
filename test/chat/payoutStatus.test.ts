// "Has the money come?" answered from the payout itself: its status, how it is paid, its day and
// its hours — never "not yet" for money that was due today or went out two days ago.
import { describe, expect, it } from "vitest";
import { EVENING_OF_DELIVERY, familyTestbed, linkedChat, MORNING_OF_DELIVERY } from "./familyWorld.ts";
import { createHarness } from "./harness.ts";
import { allText, labels } from "./seen.ts";

const ASK = {
  vi: { come: "tiền tháng này về chưa vậy", missing: "chưa thấy tiền của mẹ tôi đâu cả" },
  en: { come: "has the money come yet", missing: "my mother has not got her money" },
} as const;

describe.each(["vi", "en"] as const)("whether the money has come, in %s", (locale) => {
  const t = familyTestbed(EVENING_OF_DELIVERY);

  const openTickets = async (identityId: string) =>
    t.db.prisma.hotlineTicket.findMany({ where: { identityId }, select: { topic: true } });

  it("on the evening of a home-delivery day, says the post office was due today and calls a person, not 'not yet'", async () => {
    const nam = await linkedChat(
      t.db.prisma,
      t.h,
      t.world,
      t.world.phuong,
      `web-evening-${locale}`,
      "relative",
      locale,
    );
    const replies = await nam.send(ASK[locale].missing);
    const text = allText(replies, locale);
    // Today's delivery is not "the next payout", and the day is not "still to come".
    expect(text).not.toMatch(/chưa đến ngày|not (?:been )?due yet|next payout/i);
    expect(text).toContain("15/07/2026");
    expect(text).toContain("17:00");
    // Past its hours the money should have come: a person looks into it.
    expect(await openTickets(await nam.identityId())).toEqual([{ topic: "payout_missing" }]);
  });

  it("in the morning of the same day, says it comes today between the delivery hours, with nobody called", async () => {
    const morning = createHarness(t.db.prisma, MORNING_OF_DELIVERY);
    const nam = await linkedChat(
      t.db.prisma,
      morning,
      t.world,
      t.world.phuong,
      `web-morning-${locale}`,
      "relative",
      locale,
    );
    const text = allText(await nam.send(ASK[locale].come), locale);
    expect(text).toContain("13:30");
    expect(text).toMatch(/hôm nay|today/i);
    expect(await openTickets(await nam.identityId())).toEqual([]);
  });

  it("tells a person whose money went to MoMo two days ago that it was sent, to which wallet and when", async () => {
    const lan = await linkedChat(t.db.prisma, t.h, t.world, t.world.lan, `web-momo-${locale}`, "self", locale);
    const replies = await lan.send(ASK[locale].come);
    const text = allText(replies, locale);
    expect(text).not.toMatch(/chưa đến ngày|not (?:been )?due yet/i);
    expect(text).toContain("MoMo");
    expect(text).toContain("13/07/2026");
    expect(text).toContain("••••0222");
    // Still one tap from a person if the wallet shows nothing.
    expect(labels(replies, locale).join(" ")).toMatch(/Gặp người thật|Talk to a person/);
  });
});
