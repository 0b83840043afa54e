// Payout slips: the post office pays some allowances at home, in an envelope, and its staff cannot
// explain the policy at the door. Each envelope carries a slip with the person's amount explained
// in the very words the chat uses (the same explanation functions, so paper and chat never
// disagree), what changed since last month, whom to call, the scam rule, and a QR code with a
// one-time link code so the chat opens already linked to this person.
import { AppError } from "../../core/errors.ts";
import type { Reply } from "../../core/reply.ts";
import type { PayoutStatus, Programme } from "../../generated/prisma/enums.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { canSeeCommune, type StaffContext } from "../../http/context.ts";
import { calendarDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { recordAudit } from "../audit/service.ts";
import { explainMonth, explanationParts, explanationReplies, type ExplanationParts } from "../entitlements/explain.ts";
import { issueLinkCodes, type IssuedLinkCode } from "../linking/codes.ts";
import type { Policy } from "../policy/policySchema.ts";

/** Payouts the post office hands over at home: the ones slips are printed for. */
export const SLIP_METHOD = "CASH_HOME";

export interface SlipsInput {
  communeId: string;
  /** "YYYY-MM". */
  month: string;
  policy: Policy;
  /** Days the printed link codes stay usable (LINK_CODE_DAYS). */
  validDays: number;
  now: Date;
  /** Null for the command line (no area check; the audit log says "system"). */
  staff: StaffContext | null;
  ip?: string | null;
}

export interface Slip {
  payoutId: string;
  beneficiaryId: string;
  fullName: string;
  /** "••••••••3456" */
  maskedPersonalId: string;
  address: string | null;
  programme: Programme;
  /** "YYYY-MM-01". */
  month: CalendarDate;
  /** Earlier months whose difference this payout pays back (truy lĩnh), oldest first. */
  backPayMonths: CalendarDate[];
  /** What is in the envelope. */
  amount: number;
  status: PayoutStatus;
  /** The chat's explanation, by part (the chat sends the same parts as its messages). */
  parts: ExplanationParts;
  /** Exactly what the chat answers when this person asks why this month's amount is what it is. */
  replies: Reply[];
  /** Null for someone who can no longer link a chat (no longer receiving: suspended, ended, died). */
  code: IssuedLinkCode | null;
}

export interface SlipBatch {
  commune: { id: string; code: string; name: string };
  /** "YYYY-MM-01". */
  month: CalendarDate;
  slips: Slip[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The slips of a commune for a month, one per payout paid at home, in the order of the commune's
 * list (by name). Issuing their link codes is the audited action of link codes (`linkcode.issue`);
 * printing the slips is recorded as well (`slips.print`), since they show people's money.
 */
export async function buildSlips(prisma: PrismaClient, input: SlipsInput): Promise<SlipBatch> {
  if (!MONTH.test(input.month)) throw new AppError("bad_request", `month must be YYYY-MM: ${input.month}`);
  if (input.staff && !canSeeCommune(input.staff, input.communeId))
    throw new AppError("forbidden", "Commune outside the staff area");
  const commune = await prisma.commune.findUnique({
    where: { id: input.communeId },
    select: { id: true, code: true, name: true },
  });
  if (!commune) throw new AppError("not_found", "Unknown commune");
  const month = `${input.month}-01`;

  const payouts = await prisma.payout.findMany({
    where: { method: SLIP_METHOD, period: { month: calendarDate(month) }, beneficiary: { communeId: commune.id } },
    orderBy: [{ beneficiary: { fullNameAscii: "asc" } }, { beneficiary: { personalIdLast4: "asc" } }],
    select: {
      id: true,
      amount: true,
      status: true,
      beneficiary: { select: { id: true, fullName: true, personalId: true, address: true, programme: true } },
    },
  });

  const issued =
    payouts.length === 0
      ? []
      : (
          await issueLinkCodes(prisma, {
            communeId: commune.id,
            beneficiaryIds: payouts.map((p) => p.beneficiary.id),
            // Someone already linked may still want a relative's phone linked from the slip.
            onlyUnlinked: false,
            validDays: input.validDays,
            now: input.now,
            staff: input.staff,
            ip: input.ip ?? null,
          })
        ).codes;
  const codeFor = new Map(issued.map((c) => [c.beneficiaryId, c]));

  const slips: Slip[] = [];
  for (const p of payouts) {
    const e = await explainMonth(prisma, input.policy, p.beneficiary.id, month);
    const backPayMonths = [...new Set(e.backPay.flatMap((b) => b.months.map((m) => m.month)))].sort();
    slips.push({
      payoutId: p.id,
      beneficiaryId: p.beneficiary.id,
      fullName: p.beneficiary.fullName,
      maskedPersonalId: mask(p.beneficiary.personalId),
      address: p.beneficiary.address,
      programme: p.beneficiary.programme,
      month,
      // Only back pay this payout really holds.
      backPayMonths: e.paid?.lines.some((l) => l.kind === "BACK_PAY") ? backPayMonths : [],
      amount: p.amount,
      status: p.status,
      parts: explanationParts(e),
      replies: explanationReplies(e),
      code: codeFor.get(p.beneficiary.id) ?? null,
    });
  }

  await recordAudit(prisma, {
    staffId: input.staff?.id ?? null,
    actor: input.staff?.username ?? "system",
    action: "slips.print",
    entity: "commune",
    entityId: commune.id,
    detail: { month: input.month, count: slips.length, beneficiaryIds: slips.map((s) => s.beneficiaryId) },
    ip: input.ip ?? null,
    at: input.now,
  });
  return { commune, month, slips };
}

/** "Mon-Fri 07:30-17:00" as the slip says it, in Vietnamese: "Thứ Hai – Thứ Sáu, 07:30–17:00". */
export function officeHoursText(spec: string, locale: string): string {
  const m = /^(\w{3})-(\w{3}) (\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(spec.trim());
  if (!m) return spec;
  const names: Record<string, [string, string]> = {
    Mon: ["Thứ Hai", "Monday"],
    Tue: ["Thứ Ba", "Tuesday"],
    Wed: ["Thứ Tư", "Wednesday"],
    Thu: ["Thứ Năm", "Thursday"],
    Fri: ["Thứ Sáu", "Friday"],
    Sat: ["Thứ Bảy", "Saturday"],
    Sun: ["Chủ Nhật", "Sunday"],
  };
  const i = locale === "en" ? 1 : 0;
  const day = (d: string | undefined) => names[d ?? ""]?.[i] ?? d ?? "";
  return `${day(m[1])} – ${day(m[2])}, ${m[3] ?? ""}–${m[4] ?? ""}`;
}

/** The hotline as slips print it: its number, and its hours as configured for people (else the agents' hours). */
export function slipHotline(config: {
  HOTLINE_PHONE?: string;
  HOTLINE_HOURS?: string;
  HOTLINE_WORKING_HOURS: string;
}): { phone: string | null; hours: string | null } {
  return {
    phone: config.HOTLINE_PHONE ?? null,
    hours: config.HOTLINE_HOURS ?? officeHoursText(config.HOTLINE_WORKING_HOURS, "vi"),
  };
}
