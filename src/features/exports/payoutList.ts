// The payout list of one commune for one month, as the commune prints it for payout day: who
// gets how much, how, where and when, and who may collect on their behalf.
import ExcelJS from "exceljs";
import { AppError } from "../../core/errors.ts";
import type { I18n } from "../../core/i18n.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { canSeeCommune, type StaffContext } from "../../http/context.ts";
import { addMonths, calendarDate, isCalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { recordAudit } from "../audit/service.ts";
import { officerSheet, signatureBlock } from "./officerSheet.ts";
import { workbookBuffer, type SheetColumn, type SheetValue } from "./sheet.ts";

export interface ExportDeps {
  prisma: PrismaClient;
  i18n: I18n;
}

export interface ExportFile {
  fileName: string;
  data: Buffer;
}

export async function exportPayoutList(
  deps: ExportDeps,
  input: { communeId: string; month: string; staff: StaffContext | null; locale?: string; today?: string },
): Promise<ExportFile> {
  if (!/^\d{4}-\d{2}$/.test(input.month) || !isCalendarDate(`${input.month}-01`))
    throw new AppError("bad_request", "month must be YYYY-MM");
  if (input.staff && !canSeeCommune(input.staff, input.communeId))
    throw new AppError("forbidden", "Commune outside the staff area");
  const commune = await deps.prisma.commune.findUnique({ where: { id: input.communeId } });
  if (!commune) throw new AppError("not_found", "Unknown commune");
  const t = deps.i18n.t(input.locale ?? "vi");
  const first = `${input.month}-01`;
  const next = addMonths(first, 1);

  const payouts = await deps.prisma.payout.findMany({
    where: { period: { month: calendarDate(first) }, beneficiary: { communeId: commune.id } },
    include: {
      beneficiary: {
        select: {
          fullName: true,
          fullNameAscii: true,
          personalId: true,
          address: true,
          // Valid in the month: started before it ends and ends after it starts. One that has since
          // expired or been revoked still covers the months before its end (its end moves to the
          // day it was revoked), so an old month's list reads as it was paid.
          authorisations: {
            where: {
              status: { in: ["APPROVED", "EXPIRED", "REVOKED"] },
              validFrom: { lt: calendarDate(next) },
              validUntil: { gte: calendarDate(first) },
            },
            orderBy: { validFrom: "desc" },
            include: { relative: true },
          },
        },
      },
      account: { select: { provider: true, accountNumber: true } },
      point: { select: { name: true, address: true } },
    },
  });
  payouts.sort((a, b) => a.beneficiary.fullNameAscii.localeCompare(b.beneficiary.fullNameAscii));

  const f = (key: string) => t(`imports:fields.${key}`);
  const s = (key: string) => t(`imports:sheet.${key}`);
  const columns: SheetColumn[] = [
    { header: f("serial"), width: 6 },
    { header: f("fullName"), width: 26 },
    { header: f("personalId"), width: 16 },
    { header: f("address"), width: 28 },
    { header: f("amount"), width: 14, kind: "amount" },
    { header: f("method"), width: 22 },
    { header: f("provider"), width: 18 },
    { header: f("accountNumber"), width: 16 },
    { header: f("payoutDate"), width: 13, kind: "date" },
    { header: f("timeWindow"), width: 13 },
    { header: f("point"), width: 26 },
    { header: f("status"), width: 14 },
    { header: f("receiver"), width: 24 },
    { header: s("relation"), width: 12 },
    { header: s("receiverId"), width: 16 },
    { header: s("signature"), width: 16 },
  ];
  const workbook = new ExcelJS.Workbook();
  const { ws } = officerSheet(workbook, t("imports:sheet.payouts", { month: input.month }), columns, {
    agency: t("imports:sheet.agency", { commune: commune.name }),
    title: t("imports:sheet.payoutsTitle"),
    subtitle: t("imports:sheet.month", { month: input.month.slice(5), year: input.month.slice(0, 4) }),
  });
  payouts.forEach((p, i) => {
    // The authorisation linked to the payout wins; otherwise any approved one valid that month.
    const auth =
      p.beneficiary.authorisations.find((a) => a.id === p.authorisationId) ?? p.beneficiary.authorisations[0];
    const row: SheetValue[] = [
      i + 1,
      p.beneficiary.fullName,
      mask(p.beneficiary.personalId),
      p.beneficiary.address,
      p.amount,
      t(`imports:methods.${p.method}`),
      p.account?.provider ?? null,
      p.account ? mask(p.account.accountNumber) : null,
      p.scheduledDate,
      p.windowStart && p.windowEnd ? `${p.windowStart}-${p.windowEnd}` : null,
      p.point
        ? p.point.address && p.point.address !== p.point.name
          ? `${p.point.name}, ${p.point.address}`
          : p.point.name
        : null,
      t(`imports:payoutStatuses.${p.status}`),
      auth?.relative.fullName ?? p.receivedBy,
      auth?.relative.relation ?? null,
      auth?.relative.personalId ? mask(auth.relative.personalId) : null,
      null,
    ];
    ws.addRow(row);
  });
  const total = ws.addRow([null, s("total"), null, null, payouts.reduce((sum, p) => sum + p.amount, 0)]);
  total.font = { bold: true };
  signatureBlock(ws, {
    place: commune.name.replace(/^(Xã|Phường|Đặc khu)\s+/, ""),
    day: input.today ?? first,
    titles: [s("preparedBy"), s("accountant"), s("chair")],
    width: columns.length,
  });

  await recordAudit(deps.prisma, {
    staffId: input.staff?.id ?? null,
    actor: input.staff?.username ?? "system",
    action: "export.payouts",
    entity: "Commune",
    entityId: commune.id,
    detail: { month: input.month, rows: payouts.length },
  });
  return { fileName: `chi-tra-${commune.code}-${input.month}.xlsx`, data: await workbookBuffer(workbook) };
}
