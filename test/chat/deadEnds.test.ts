// No dead ends: a question asked while a ticket is open is still answered (and the agent sees it),
// linking by ID without a phone on record leads somewhere, and "hủy" ends a walkthrough for good.
import { describe, expect, it } from "vitest";
import { familyTestbed, linkedChat, MORNING_OF_DELIVERY } from "./familyWorld.ts";
import { allText, seen } from "./seen.ts";

const SAY = {
  vi: {
    human: "cho tôi gặp nhân viên",
    when: "khi nào mẹ tôi nhận tiền",
    cancel: "hủy",
    authorise: "tôi muốn nhận tiền thay mẹ",
    resume: /đang làm dở yêu cầu|làm tiếp hay làm lại/i,
  },
  en: {
    human: "I want to talk to a person",
    when: "when does my mother get her money",
    cancel: "cancel",
    authorise: "I want to collect the money for my mother",
    resume: /unfinished request|carry on or start again/i,
  },
} as const;

describe.each(["vi", "en"] as const)("no dead ends, in %s", (locale) => {
  const t = familyTestbed(MORNING_OF_DELIVERY);

  it("answers a question while a ticket is open, with buttons, and copies it into the ticket", async () => {
    const nam = await linkedChat(t.db.prisma, t.h, t.world, t.world.phuong, `web-ticket-${locale}`, "relative", locale);
    await nam.send(SAY[locale].human);
    const ticket = await t.db.prisma.hotlineTicket.findFirstOrThrow({ where: { identityId: await nam.identityId() } });
    const replies = await nam.send(SAY[locale].when);
    const bubbles = seen(replies, locale);
    // The answer itself: today, between the delivery hours.
    expect(bubbles.map((b) => b.text).join(" ")).toContain("13:30");
    expect(bubbles.at(-1)?.buttons.length).toBeGreaterThan(0);
    const copied = await t.db.prisma.ticketMessage.findMany({ where: { ticketId: ticket.id, author: "PERSON" } });
    expect(copied.map((m) => m.text)).toContain(SAY[locale].when);
  });

  it("offers a way forward to someone whose record has no phone number when linking by ID", async () => {
    const sau = t.h.person(`web-nophone-${locale}`);
    if (locale === "en") await sau.press("lang:en");
    await sau.press("link:id");
    await sau.send("001046077777");
    const atPhone = seen(await sau.send("7/6/1946"), locale);
    const noPhone = atPhone.flatMap((b) => b.buttons).find((b) => /chưa có số|không có số|no phone/i.test(b.label));
    expect(noPhone).toBeDefined();
    const after = await sau.press(noPhone?.data ?? "");
    const text = allText(after, locale);
    // Where to get a printed code, and a person who takes it from here.
    expect(text).toMatch(/mã liên kết|link code/i);
    expect(await t.db.prisma.hotlineTicket.count({ where: { identityId: await sau.identityId() } })).toBe(1);
    expect(seen(after, locale).flatMap((b) => b.buttons).length).toBeGreaterThan(0);
  });

  it("forgets a walkthrough for good after 'hủy': the next request starts afresh", async () => {
    const nam = await linkedChat(t.db.prisma, t.h, t.world, t.world.phuong, `web-cancel-${locale}`, "relative", locale);
    await nam.press("rq:auth");
    await nam.send("Nguyễn Văn Nam");
    await nam.send(SAY[locale].cancel);
    const again = await nam.send(SAY[locale].authorise);
    expect(allText(again, locale)).not.toMatch(SAY[locale].resume);
    expect(
      await t.db.prisma.changeRequest.count({ where: { submittedById: await nam.identityId(), status: "DRAFT" } }),
    ).toBe(0);
  });
});
