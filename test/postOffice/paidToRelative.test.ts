// Money reaches its owner: when the post-office worker records the money handed to the authorised
// daughter, the mother hears it in her own Telegram chat, with "Tôi chưa nhận được" under it;
// pressing it opens an urgent ticket the hotline agent sees. A person without a chat hears it on
// her own phone by ZNS (not on the relative's). The officers' list shows a man who collects for
// three households, and the daughter whose mother said the money never came.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createI18n } from "../../src/core/i18n.ts";
import { planPayoutNotices } from "../../src/features/notifications/planPayoutNotices.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { startTelegramHarness, type TelegramHarness } from "../channels/telegramHarness.ts";
import { startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";
import { createStaff, signIn } from "../helpers/app.ts";
import { AUGUST_12, seedDoorWorld, type DoorWorld } from "./world.ts";

const PW = "mat-khau-dung-1";
const MOTHER_CHAT = 7301;

describe("a payout collected by a relative", () => {
  let h: TelegramHarness;
  let phones: FakePhoneGateway;
  let world: DoorWorld;
  let vi: (key: string, params?: Record<string, unknown>) => string;
  let env: Record<string, string>;
  /** Three people of three households for whom the same man collects. */
  let luc: string[];

  beforeAll(async () => {
    phones = await startFakePhoneGateway();
    env = {
      QUIET_HOURS: "off",
      SMS_GATEWAY_URL: phones.smsUrl,
      SMS_GATEWAY_TOKEN: phones.smsToken,
      ZALO_APP_ID: "fake-app",
      ZALO_OA_SECRET_KEY: "fake-oa-secret",
      ZALO_ACCESS_TOKEN: phones.accessToken,
      ZNS_API_ROOT: phones.znsRoot,
      ZNS_TEMPLATES: JSON.stringify({
        "notices:paidToRelative": {
          templateId: "7100",
          params: { ten: "name", so_tien: "amount", nguoi_nhan: "receiver" },
        },
      }),
    };
    h = await startTelegramHarness({ env });
    h.clock.set(AUGUST_12);
    world = await seedDoorWorld(h.prisma);
    const t = (await createI18n()).t("vi");
    vi = (key, params) => t(key, params);

    // Đào's own Telegram chat.
    const identity = await h.prisma.chatIdentity.create({
      data: {
        channel: "TELEGRAM",
        platformUserId: String(MOTHER_CHAT),
        beneficiaryId: world.people.dao,
        linkedAt: AUGUST_12,
        consentAt: AUGUST_12,
      },
    });
    await h.prisma.chatLink.create({
      data: { identityId: identity.id, beneficiaryId: world.people.dao, role: "SELF", via: "LINK_CODE" },
    });

    // Vũ Văn Lực collects for three old people at three addresses, all paid to him in August.
    luc = [];
    for (const [i, name] of ["Đinh Thị Mơ", "Lò Văn Sáu", "Hà Thị Nhàn"].entries()) {
      const b = await h.prisma.beneficiary.create({
        data: {
          personalId: `00114077700${i}`,
          personalIdLast4: `700${i}`,
          fullName: name,
          fullNameAscii: foldVietnamese(name),
          dateOfBirth: new Date("1938-01-01T00:00:00Z"),
          sex: "FEMALE",
          communeId: world.communes.a,
          programme: "BTXH",
          phone: `091122233${i}`,
          address: `Thôn ${5 + i}`,
        },
      });
      const r = await h.prisma.relative.create({
        data: {
          beneficiaryId: b.id,
          fullName: "Vũ Văn Lực",
          relation: "khác",
          personalId: "001085999888",
          personalIdLast4: "9888",
          phone: "0966000111",
        },
      });
      const a = await h.prisma.authorisation.create({
        data: {
          beneficiaryId: b.id,
          relativeId: r.id,
          validFrom: new Date("2026-01-01T00:00:00Z"),
          validUntil: new Date("2026-12-31T00:00:00Z"),
          status: "APPROVED",
        },
      });
      await h.prisma.payout.create({
        data: {
          periodId: world.august,
          beneficiaryId: b.id,
          amount: 750_000,
          method: "CASH_POINT",
          status: "PAID",
          paidAt: AUGUST_12,
          receivedBy: "Vũ Văn Lực",
          authorisationId: a.id,
        },
      });
      luc.push(b.id);
    }
    await createStaff(h.prisma, { username: "buudien", password: PW, role: "POST_OFFICE", communeCodes: ["90101"] });
    await createStaff(h.prisma, { username: "tongdai", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["901"] });
    await createStaff(h.prisma, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["90101"],
    });
  });
  afterAll(async () => {
    await h?.close();
    await phones?.close();
  });

  const planNotices = () =>
    planPayoutNotices(
      { prisma: h.prisma, config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env }) },
      h.clock.now(),
    );

  it("tells the owner in her chat to whom it was paid; 'Tôi chưa nhận được' opens an urgent ticket the hotline sees", async () => {
    const worker = await signIn(h.url, "buudien", PW);
    const recorded = await fetch(`${h.url}/console/post-office/${world.people.dao}/record`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: worker.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: worker.csrfToken,
        outcome: "PAID_RELATIVE",
        authorisationId: world.authorisationId,
      }),
    });
    expect(recorded.status).toBe(303);
    expect(await h.prisma.payout.findUniqueOrThrow({ where: { id: world.payouts.dao } })).toMatchObject({
      status: "PAID",
      receivedBy: "Lê Thị Hoa",
      authorisationId: world.authorisationId,
    });

    await planNotices();
    const notice = await h.fake.waitForMessage(MOTHER_CHAT, (m) => m.text.includes("Lê Thị Hoa"));
    expect(notice.text).toContain("750.000");
    expect(notice.text).toContain(
      vi("notices:paidToRelative", {
        month: "8/2026",
        amount: "750.000 đ",
        receiver: "Lê Thị Hoa",
        date: "12/08/2026",
      }).slice(0, 20),
    );
    const button = notice.buttons.flat().find((b) => b.text === "Tôi chưa nhận được");
    expect(button?.data).toBe(`nr:${world.payouts.dao}`);

    // The chat's answers are due from the database's clock: the mother presses it "now".
    h.clock.set(new Date());
    expect((await h.post(h.fake.updates.callback(MOTHER_CHAT, button?.data ?? ""))).status).toBe(200);
    const told = await h.fake.waitForMessage(MOTHER_CHAT, (m) => m.text.includes("Số phiếu của Bác"));
    const ticket = await h.prisma.hotlineTicket.findFirstOrThrow({
      where: { beneficiaryId: world.people.dao },
      include: { messages: true },
    });
    expect(ticket).toMatchObject({ topic: "payout_missing", priority: "URGENT", status: "NEW" });
    expect(told.text).toContain(vi("notices:notReceived.opened", { number: ticket.number }));
    expect(ticket.messages[0]?.text).toContain("Lê Thị Hoa");

    // Pressed again: the same ticket, not a second one.
    await h.post(h.fake.updates.callback(MOTHER_CHAT, button?.data ?? ""));
    await h.fake.waitForMessage(MOTHER_CHAT, (m) => m.text.includes(`phiếu số ${ticket.number}`));
    expect(await h.prisma.hotlineTicket.count({ where: { beneficiaryId: world.people.dao } })).toBe(1);

    const agent = await signIn(h.url, "tongdai", PW);
    const queue = await (await fetch(`${h.url}/console/hotline`, { headers: { cookie: agent.cookie } })).text();
    expect(queue).toContain(`#${ticket.number}`);
    const detail = await (
      await fetch(`${h.url}/console/hotline/${ticket.number}`, { headers: { cookie: agent.cookie } })
    ).text();
    expect(detail).toContain("Nguyễn Thị Đào");
    expect(detail).toContain("Lê Thị Hoa");
  });

  it("tells a person without a chat on her own phone by ZNS, not the relative who collected", async () => {
    h.clock.set(AUGUST_12);
    await planNotices();
    const own = await until(
      () => Promise.resolve(phones.delivered.find((m) => m.phone === "84911222330") ?? null),
      "the ZNS to Mơ's own phone",
    );
    expect(own).toMatchObject({ via: "ZNS", templateId: "7100" });
    expect(own.data).toMatchObject({ nguoi_nhan: "Vũ Văn Lực", ten: "Đinh Thị Mơ" });
    expect(phones.delivered.some((m) => m.phone === "84966000111")).toBe(false);
  });

  it("lists for officers the man collecting for three households and the daughter reported for non-receipt, and counts both on the dashboard", async () => {
    h.clock.set(new Date());
    const officer = await signIn(h.url, "xa.hoaan", PW);
    // The list looks back over the payout months from the day it is opened.
    h.clock.set(AUGUST_12);
    const res = await fetch(`${h.url}/console/collectors`, { headers: { cookie: officer.cookie } });
    expect(res.status).toBe(200);
    const page = await res.text();
    const rows = page.split("<tr>").slice(2);
    const lucRow = rows.find((r) => r.includes("Vũ Văn Lực")) ?? "";
    expect(lucRow).toContain("••••••••9888");
    for (const name of ["Đinh Thị Mơ", "Lò Văn Sáu", "Hà Thị Nhàn"]) expect(lucRow).toContain(name);
    expect(lucRow).toMatch(/<td>\s*3 \(3 lần nhận\)/);
    const hoaRow = rows.find((r) => r.includes("Lê Thị Hoa")) ?? "";
    expect(hoaRow).toContain("Nguyễn Thị Đào");
    expect(hoaRow).toContain("Báo chưa nhận");
    expect(luc).toHaveLength(3);

    // The dashboard counts, per commune, the hand-over the post office confirmed and the complaint.
    const dashboard = await fetch(`${h.url}/console/dashboard?month=2026-08`, { headers: { cookie: officer.cookie } });
    const receipts = (await dashboard.text()).split('id="receipts"')[1] ?? "";
    const hoaAn = receipts.split("<tr>").find((r) => r.includes("Xã Hòa An")) ?? "";
    expect(hoaAn.match(/<td>(\d+)<\/td>/g)).toEqual(["<td>0</td>", "<td>1</td>", "<td>1</td>", "<td>0</td>"]);
  });
});

async function until<T>(check: () => Promise<T | null>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
