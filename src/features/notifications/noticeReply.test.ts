import { beforeAll, describe, expect, it } from "vitest";
import { createI18n, LOCALES, type I18n } from "../../core/i18n.ts";
import { renderReply } from "../../core/renderReply.ts";
import { NoticeKind, PayoutMethod } from "../../generated/prisma/enums.ts";
import type { PayoutView } from "../payouts/types.ts";
import { noticeReply, type Audience, type NoticeFacts } from "./noticeReply.ts";

const payout = (method: PayoutView["method"], account = true): PayoutView => ({
  month: "2026-08-01",
  amount: 3_000_000,
  status: "SCHEDULED",
  method,
  date: "2026-08-05",
  windowStart: "07:30",
  windowEnd: "11:00",
  place: method === "CASH_POINT" ? { name: "Nhà văn hóa thôn 3", address: "Thôn 3, xã Hòa An" } : null,
  account: account && !method.startsWith("CASH") ? { provider: "Vietcombank", maskedNumber: "••••6789" } : null,
  paidOn: "2026-08-05",
  receivedBy: "Lê Thị Hoa",
  note: "Tài khoản đã bị khóa",
  carriedOver: 0,
});
const AUDIENCES: Audience[] = [
  { kind: "self" },
  { kind: "relative", authorised: true },
  { kind: "relative", authorised: false },
];
const FLAT = [
  "name",
  "month",
  "amount",
  "date",
  "time",
  "place",
  "address",
  "account",
  "provider",
  "count",
  "receiver",
];

/** Every notice the planner can write: kind × method (with and without an account number) × reader. */
function everyNotice(): { label: string; facts: NoticeFacts; kind: NoticeKind; audience: Audience }[] {
  return Object.values(NoticeKind).flatMap((kind) =>
    Object.values(PayoutMethod).flatMap((method) =>
      [true, false].flatMap((account) =>
        AUDIENCES.flatMap((audience) => {
          const facts = { name: "Nguyễn Văn Tám Mươi Lăm", payout: payout(method, account), missedInARow: 3 };
          const label = `${kind} ${method}${account ? "" : " without account"} ${audience.kind}`;
          const plain = { label, kind, audience, facts };
          if (kind !== "PAID") return [plain];
          // Paid to a relative: the owner is told to whom, with "Tôi chưa nhận được".
          const toOther = {
            ...facts,
            payout: { ...facts.payout, receivedBy: "Trần Thị Thu Hương Bảy Mươi" },
            paidToOther: { payoutId: "5b0c1f1e-7d2a-4c55-9d7e-2f1b7a0e9c31" },
          };
          return [plain, { label: `${label} paid to a relative`, kind, audience, facts: toOther }];
        }),
      ),
    ),
  );
}

describe("payout notice texts", () => {
  let i18n: I18n;
  beforeAll(async () => {
    i18n = await createI18n();
  });

  it.each(LOCALES)("exist in %s for every kind, method and reader, with every value filled in", (locale) => {
    for (const n of everyNotice()) {
      const reply = noticeReply(n.kind, n.facts, n.audience);
      const keys = [...reply.text, ...(reply.buttons ?? []).flat().map((b) => b.label)].map((t) => t.key);
      for (const key of keys) expect(i18n.instance.exists(key, { lng: locale }), `${n.label}: ${key}`).toBe(true);
      const text = renderReply(i18n.t(locale), locale, reply).text;
      expect(text, n.label).not.toMatch(/\{\{|\}\}/);
    }
  });

  it("fit in one three-part SMS, even with a long name", () => {
    for (const n of everyNotice()) {
      const text = renderReply(i18n.t("vi"), "vi", noticeReply(n.kind, n.facts, n.audience)).text;
      expect(text.length, n.label).toBeLessThanOrEqual(459);
    }
  });

  it("carry every value as a flat parameter of the first paragraph, for phone templates", () => {
    for (const n of everyNotice()) {
      const first = noticeReply(n.kind, n.facts, n.audience).text[0];
      expect(Object.keys(first?.params ?? {}).sort(), n.label).toEqual([...FLAT].sort());
    }
  });

  it("name the person in a relative's notice, and a relative without an authorisation is told the person brings their căn cước", () => {
    const facts = { name: "Nguyễn Thị Đào", payout: payout("CASH_POINT"), missedInARow: 0 };
    const relative = noticeReply("REMINDER", facts, { kind: "relative", authorised: false });
    expect(relative.text[0]?.key).toBe("notices:reminderForRelative");
    expect(renderReply(i18n.t("vi"), "vi", relative).text).toContain("bác Nguyễn Thị Đào");
    expect(relative.text.at(-1)).toEqual({ key: "notices:bringForPerson", params: { name: "Nguyễn Thị Đào" } });
  });

  it("say the money is in the account with only its last digits", () => {
    const text = renderReply(
      i18n.t("vi"),
      "vi",
      noticeReply("PAID", { name: "Trần Văn Ba", payout: payout("BANK"), missedInARow: 0 }, { kind: "self" }),
    ).text;
    expect(text).toBe("Tiền tháng 8/2026 đã vào tài khoản ••••6789 của Bác: 3.000.000 đ.");
  });
});
