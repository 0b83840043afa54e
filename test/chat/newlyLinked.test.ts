// A chat linked after this period's notices went out hears the notice of the current payout at
// once, in the words for who it is, and only once: nobody waits a month to learn the money came.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { reply as replySchema } from "../../src/core/reply.ts";
import { planPayoutNotices } from "../../src/features/notifications/planPayoutNotices.ts";
import { familyTestbed, linkedChat } from "./familyWorld.ts";
import { allText } from "./seen.ts";

describe.each(["vi", "en"] as const)("a chat linked after the notices of the period, in %s", (locale) => {
  const t = familyTestbed();

  it("gets the notice of the current payout when it links, once", async () => {
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", QUIET_HOURS: "" });
    // Lan's July money went to MoMo on the 13th: its notice went out before this chat existed.
    await planPayoutNotices({ prisma: t.db.prisma, config }, t.h.clock.now());
    const lan = await linkedChat(t.db.prisma, t.h, t.world, t.world.lan, `web-late-${locale}`, "self", locale);
    const notices = async () =>
      t.db.prisma.outboundMessage.findMany({
        where: { identityId: await lan.identityId(), kind: "NOTIFICATION" },
        orderBy: { createdAt: "asc" },
      });
    const got = await notices();
    expect(got).toHaveLength(1);
    const text = allText(
      got.map((r) => replySchema.parse(r.reply)),
      locale,
    );
    expect(text).toContain("7/2026");
    expect(text).toContain("0222");
    // The notice job running again writes nothing more for this chat.
    await planPayoutNotices({ prisma: t.db.prisma, config }, t.h.clock.now());
    expect(await notices()).toHaveLength(1);
  });
});
