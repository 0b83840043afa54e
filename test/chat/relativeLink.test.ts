// A son already linked for his mother with the officer's printed code asks the commune to let him
// collect for her. When the officer approves, nothing the bot offers him may undo what works: he
// stays "a relative's chat" for the notices and broadcasts, the officer's page shows him as her
// son, and his messages to the hotline carry his own name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceMemberIds } from "../../src/features/broadcasts/audience.ts";
import { getBeneficiaryDetail } from "../../src/features/beneficiaries/detail.ts";
import { loadTicket } from "../../src/features/hotline/tickets.ts";
import { reachablePeopleSql } from "../../src/features/notifications/reachablePeopleSql.ts";
import { decideRequest } from "../../src/features/requests/review.ts";
import { CHECKLIST } from "../../src/features/requests/requestData.ts";
import { createI18n } from "../../src/core/i18n.ts";
import { reply as replySchema } from "../../src/core/reply.ts";
import { ticketMessages } from "../../src/http/console/views/hotlineTicketView.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { askToCollect, linkedChat, seedFamilyWorld, type FamilyWorld } from "./familyWorld.ts";
import { createHarness, type Harness, type Person } from "./harness.ts";
import { seen } from "./seen.ts";

const TODAY = "2026-07-15";

describe.each(["vi", "en"] as const)(
  "a son linked by the officer's code whose authorisation is approved, in %s",
  (locale) => {
    let db: TestDatabase;
    let world: FamilyWorld;
    let h: Harness;
    let nam: Person;
    let requestId: string;

    beforeAll(async () => {
      db = await createTestDatabase();
      world = await seedFamilyWorld(db.prisma);
      h = createHarness(db.prisma);
      nam = await linkedChat(db.prisma, h, world, world.phuong, `web-son-${locale}`, "relative", locale);
      // From next month: approved today, in force from 1 August.
      await askToCollect(nam);
      const request = await db.prisma.changeRequest.findFirstOrThrow({
        where: { submittedById: await nam.identityId(), status: "PENDING" },
      });
      requestId = request.id;
      const outcome = await decideRequest(
        db.prisma,
        world.officer,
        { requestId, decision: "approve", checklist: [...CHECKLIST.AUTHORISATION] },
        h.clock.now(),
      );
      expect(outcome.ok).toBe(true);
    });
    afterAll(async () => {
      await db?.destroy();
    });

    it("is told of the approval without a button to link again", async () => {
      const rows = await db.prisma.outboundMessage.findMany({
        where: { identityId: await nam.identityId(), kind: "NOTIFICATION" },
      });
      const notice = seen(
        rows.map((r) => replySchema.parse(r.reply)),
        locale,
      ).find((b) => /Nguyễn Văn Nam/.test(b.text));
      expect(notice).toBeDefined();
      expect(notice?.buttons.map((b) => b.data).filter((d) => d.startsWith("rq:link:"))).toEqual([]);
    });

    it("keeps him a relative's chat for notices and broadcasts even when an old link button is pressed", async () => {
      // A button from an older message still arrives; it must not change what works.
      const pressed = await nam.press(`rq:link:${requestId}`);
      const consent = pressed
        .flatMap((r) => r.buttons ?? [])
        .flat()
        .find((b) => b.data === "consent:yes");
      if (consent) await nam.press("consent:yes");
      const link = await db.prisma.chatLink.findFirstOrThrow({
        where: { identityId: await nam.identityId(), beneficiaryId: world.phuong },
      });
      expect(link.role).toBe("REPRESENTATIVE");
      const reach = await db.prisma.$queryRaw<{ id: string; reach: string }[]>(
        reachablePeopleSql([world.communeId], TODAY),
      );
      expect(reach.find((r) => r.id === world.phuong)?.reach).toBe("RELATIVE_CHAT");
      const broadcast = await audienceMemberIds(
        db.prisma,
        { communeIds: [world.communeId], channels: ["WEB"] },
        { today: TODAY },
      );
      expect(broadcast).toContain(world.phuong);
    });

    it("shows his chat on his mother's page as her son's, and signs his hotline messages with his name", async () => {
      const detail = await getBeneficiaryDetail(db.prisma, [world.communeId], world.phuong, TODAY);
      expect(detail?.chats.map((c) => c.linkedAs)).toEqual([{ kind: "relative", name: "Nguyễn Văn Nam" }]);
      await nam.send(locale === "vi" ? "cho tôi gặp nhân viên" : "I want to talk to a person");
      const ticket = await db.prisma.hotlineTicket.findFirstOrThrow({ where: { identityId: await nam.identityId() } });
      const i18n = await createI18n();
      const agent = { id: world.officer.id, role: "ADMIN" as const, communeIds: null };
      const detailOfTicket = await loadTicket(db.prisma, agent, ticket.number);
      if (!detailOfTicket) throw new Error("ticket not found");
      await db.prisma.ticketMessage.create({
        data: { ticketId: ticket.id, author: "PERSON", text: "Mẹ tôi hỏi tiền tháng 8", createdAt: h.clock.now() },
      });
      const html = ticketMessages(
        i18n.t("vi"),
        (await loadTicket(db.prisma, agent, ticket.number)) ?? detailOfTicket,
      ).value;
      const signed = /<li class="msg person"[^>]*>\s*<span class="muted"\s*>[^<]*·\s*([^<·]+)/.exec(html)?.[1]?.trim();
      expect(signed).toContain("Nguyễn Văn Nam");
      expect(signed).not.toBe("Nguyễn Thị Phượng");
    });
  },
);
