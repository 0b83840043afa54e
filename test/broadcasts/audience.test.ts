// Each filter of a broadcast's audience picks exactly the right people, and the texts are filled
// in per person in Vietnamese and English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceMemberIds, countAudience, type Audience } from "../../src/features/broadcasts/audience.ts";
import { previewBroadcast } from "../../src/features/broadcasts/preview.ts";
import { renderTemplate, templateSchema, templateVarsFor, textLocale } from "../../src/features/broadcasts/template.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { seedBroadcastWorld, TODAY, type BroadcastWorld } from "./world.ts";

describe("broadcasts to a segment", () => {
  let db: TestDatabase;
  let w: BroadcastWorld;
  beforeAll(async () => {
    db = await createTestDatabase();
    w = await seedBroadcastWorld(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  describe("audiences", () => {
    const members = async (audience: Omit<Audience, "communeIds"> & { communeIds?: string[] }, onlyIds?: string[]) => {
      const ids = await audienceMemberIds(
        db.prisma,
        { communeIds: [w.communes.a], ...audience },
        { today: TODAY, ...(onlyIds ? { onlyIds } : {}) },
      );
      const names = Object.entries(w.people)
        .filter(([, id]) => ids.includes(id))
        .map(([name]) => name);
      return names.sort();
    };

    it("holds the active people of the chosen communes only", async () => {
      expect(await members({})).toEqual(["ann", "binh", "chi", "dao", "em", "giang"]);
      expect(await members({ communeIds: [w.communes.a, w.communes.b] })).toEqual([
        "ann",
        "binh",
        "chi",
        "dao",
        "em",
        "giang",
        "khoa",
      ]);
      const direct = await db.prisma.beneficiary.count({
        where: { communeId: { in: [w.communes.a, w.communes.b] }, status: "ACTIVE" },
      });
      expect(await countAudience(db.prisma, { communeIds: [w.communes.a, w.communes.b] }, { today: TODAY })).toBe(
        direct,
      );
    });

    it("filters by programme and by category, as a direct count says", async () => {
      expect(await members({ programmes: ["NCC"] })).toEqual(["chi", "dao"]);
      expect(await members({ programmes: ["NCC"] })).toHaveLength(
        await db.prisma.beneficiary.count({ where: { communeId: w.communes.a, status: "ACTIVE", programme: "NCC" } }),
      );
      expect(await members({ categoryCodes: ["TEST_BC_OLD80"] })).toEqual(["ann", "giang"]);
      expect(await members({ categoryCodes: ["TEST_BC_OLD80"] })).toHaveLength(
        await db.prisma.beneficiary.count({
          where: {
            communeId: w.communes.a,
            status: "ACTIVE",
            categories: { some: { category: { code: "TEST_BC_OLD80" } } },
          },
        }),
      );
    });

    it("filters by the method of the person's latest payout", async () => {
      // Em's latest payout is June's, in cash at the point.
      expect(await members({ payoutMethods: ["CASH_POINT"] })).toEqual(["ann", "chi", "em"]);
      expect(await members({ payoutMethods: ["CASH_HOME", "EWALLET"] })).toEqual(["dao", "giang"]);
    });

    it("finds who has no verified account, as a direct count says", async () => {
      expect(await members({ noAccount: true })).toEqual(["ann", "chi", "dao", "em", "giang"]);
      expect(await members({ noAccount: true })).toHaveLength(
        await db.prisma.beneficiary.count({
          where: { communeId: w.communes.a, status: "ACTIVE", accounts: { none: { status: "VERIFIED" } } },
        }),
      );
    });

    it("finds who has not collected this period: uncollected, failed, or still scheduled after the payout day", async () => {
      expect(await members({ notCollectedThisPeriod: true })).toEqual(["chi", "dao", "em"]);
    });

    it("finds who cannot be reached by chat, and whose message goes by which channel", async () => {
      expect(await members({ notReachableByChat: true })).toEqual(["dao", "em"]);
      // Chi turned notices off: nothing goes to her chat. Giang's goes to her daughter's chat.
      expect(await members({ channels: ["TELEGRAM"] })).toEqual(["ann", "binh", "giang"]);
      expect(await members({ channels: ["PHONE"] })).toEqual(["dao"]);
      expect(await members({ channels: ["ZALO", "WEB"] })).toEqual([]);
    });

    it("combines filters, and a campaign's list only narrows the audience", async () => {
      expect(await members({ programmes: ["NCC"], notCollectedThisPeriod: true, notReachableByChat: true })).toEqual([
        "dao",
      ]);
      expect(await members({}, [w.people.ann, w.people.khoa, w.people.minh, w.people.hai])).toEqual(["ann"]);
      expect(await members({}, [])).toEqual([]);
    });
  });

  describe("texts", () => {
    it("fills the variables with the person's next payout, in Vietnamese and in English", async () => {
      const vi = await templateVarsFor(db.prisma, [w.people.ann, w.people.giang, w.people.em], "vi", TODAY);
      const text = "Kính gửi bác {ho_ten}: nhận {so_tien} ngày {ngay} tại {dia_diem}.";
      expect(renderTemplate(text, vi.get(w.people.ann)!)).toBe(
        "Kính gửi bác Nguyễn Thị Ánh: nhận 750.000 đ ngày 20/07/2026 tại Nhà văn hóa thôn 3, Thôn 3, xã Hòa An.",
      );
      expect(renderTemplate(text, vi.get(w.people.giang)!)).toBe(
        "Kính gửi bác Võ Thị Giang: nhận 750.000 đ ngày 18/07/2026 tại nhà riêng.",
      );
      // No payout to come: the latest one (June's); Bình's July payout is paid already.
      expect(renderTemplate("{so_tien} {ngay}", vi.get(w.people.em)!)).toBe("500.000 đ 08/06/2026");

      const en = await templateVarsFor(db.prisma, [w.people.binh], "en", TODAY);
      expect(renderTemplate("Dear {name}: {amount} on {date} to your {place}. {ho_ten}", en.get(w.people.binh)!)).toBe(
        "Dear Trần Văn Bình: 500,000 VND on 05/07/2026 to your Agribank account. Trần Văn Bình",
      );
    });

    it("previews and fills a text in one language only: an English reader of a Vietnamese-only text gets Vietnamese values", async () => {
      const audience = { communeIds: [w.communes.a] };
      const viOnly = await previewBroadcast(db.prisma, {
        audience,
        template: { vi: "Bác nhận {so_tien} tại {dia_diem}." },
        today: TODAY,
        approvalThreshold: 100,
      });
      expect(viOnly.enFromVi).toBe(true);
      expect(viOnly.en).toBe(viOnly.vi);
      expect(viOnly.en).toMatch(/^Bác nhận [\d.]+ đ tại /);
      expect(viOnly.en).not.toMatch(/VND|at home|not known yet/);

      const both = await previewBroadcast(db.prisma, {
        audience,
        template: { vi: "Bác nhận {so_tien}.", en: "You get {amount}." },
        today: TODAY,
        approvalThreshold: 100,
      });
      expect(both.vi).toMatch(/^Bác nhận [\d.]+ đ\.$/);
      expect(both.en).toMatch(/^You get [\d,]+ VND\.$/);
      expect(textLocale({ vi: "x" }, "en")).toBe("vi");
    });

    it("says 'not known yet' for what a person does not have, and refuses an unknown variable", async () => {
      const other = await db.prisma.beneficiary.create({
        data: {
          personalId: "094999999999",
          personalIdLast4: "9999",
          fullName: "Ngô Văn Mới",
          fullNameAscii: "ngo van moi",
          dateOfBirth: new Date("1950-01-01"),
          sex: "MALE",
          communeId: w.communes.c,
          programme: "BTXH",
        },
      });
      const vi = await templateVarsFor(db.prisma, [other.id], "vi", TODAY);
      expect(renderTemplate("{so_tien} / {ngay} / {dia_diem}", vi.get(other.id)!)).toBe("chưa rõ / chưa rõ / chưa rõ");
      const en = await templateVarsFor(db.prisma, [other.id], "en", TODAY);
      expect(renderTemplate("{amount}", en.get(other.id)!)).toBe("not known yet");

      expect(templateSchema.safeParse({ vi: "Chào {ho_tn}" }).success).toBe(false);
      expect(templateSchema.safeParse({ vi: "Chào {ho_ten}", en: "" }).data).toEqual({ vi: "Chào {ho_ten}" });
    });
  });
});
