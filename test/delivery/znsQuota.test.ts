// The day's ZNS quota holds when messages go out at once (the lane's pipelines, other instances):
// each message takes its place in the quota before it is sent, and one Zalo did not take gives it
// back. Against a fake gateway answering the way zalo.cloud's ZNS guide shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Claimed } from "../../src/delivery/claim.ts";
import { createZnsSender, ZNS_SENDER } from "../../src/delivery/phone/znsSender.ts";
import { createI18n } from "../../src/core/i18n.ts";
import { fixedClock } from "../../src/lib/clock.ts";
import { startFakePhoneGateway, type FakePhoneGateway } from "../fakes/phoneGateway.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";

let db: TestDatabase;
let phones: FakePhoneGateway;

beforeAll(async () => {
  db = await createTestDatabase();
  phones = await startFakePhoneGateway();
});

afterAll(async () => {
  await phones?.close();
  await db?.destroy();
});

const row = (n: number): Claimed => ({
  id: `zns-quota-${n}`,
  channel: "ZNS",
  kind: "NOTIFICATION",
  identityId: null,
  phone: `09120000${String(n).padStart(2, "0")}`,
  beneficiaryId: null,
  noticeKey: `test:quota:${n}`,
  reply: null,
  attempts: 0,
  priority: 0,
  createdAt: new Date("2026-07-15T01:00:00Z"),
  platformUserId: null,
  locale: "vi",
  reachable: null,
  unreachableReason: null,
  notificationsOff: null,
  consentWithdrawn: null,
  phoneOptedOut: false,
});

describe("the day's ZNS quota", () => {
  it("lets exactly as many messages through as the quota when they are sent all at once; a phone without Zalo takes no place", async () => {
    const sender = createZnsSender(
      {
        apiRoot: phones.znsRoot,
        templates: { "notices:reminder": { templateId: "7001", params: { customer_name: "name" } } },
        dailyQuota: 2,
        ratePerSecond: 10,
      },
      {
        prisma: db.prisma,
        clock: fixedClock(new Date("2026-07-15T02:00:00Z")),
        i18n: await createI18n(),
        tokens: {
          seed: async () => undefined,
          accessToken: async () => phones.accessToken,
          refreshAfterRejection: async () => null,
        },
      },
    );
    const reply = { text: [{ key: "notices:reminder", params: { name: "Bà Đào" } }] };
    phones.notOnZalo("84912000000");
    const noZalo = await sender.send(row(0), reply);
    expect(noZalo).toMatchObject({ ok: false, reason: "zns_error_-118" });

    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => sender.send(row(i + 1), reply)));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.reason))).toEqual(
      Array(4).fill("zns_quota_exhausted"),
    );
    expect(phones.delivered.filter((m) => m.via === "ZNS")).toHaveLength(2);
    expect(
      await db.prisma.senderQuota.findUnique({ where: { sender_day: { sender: ZNS_SENDER, day: "2026-07-15" } } }),
    ).toMatchObject({ used: 2 });
  });
});
