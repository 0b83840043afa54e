// A broadcast's delivery report as an XLSX file: the figures, the failures by reason, and one row
// per person (phone masked, like on screen). Downloading it is audited: it lists names.
import type { TFunction } from "i18next";
import type { I18n } from "../../core/i18n.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { mask } from "../../lib/redact.ts";
import { recordAudit } from "../audit/service.ts";
import type { ExportFile } from "../exports/payoutList.ts";
import { sheet, streamedWorkbook } from "../exports/sheet.ts";
import type { BroadcastDetail } from "./list.ts";
import { broadcastProgress, outcomeOf } from "./report.ts";
import { asWallClockDate } from "../../lib/vietnamTime.ts";

export async function exportBroadcastReport(
  deps: { prisma: PrismaClient; i18n: I18n },
  input: { broadcast: BroadcastDetail; staff: { id: string; username: string }; locale: string; ip?: string | null },
): Promise<ExportFile> {
  const t = deps.i18n.t(input.locale);
  const b = input.broadcast;
  const progress = await broadcastProgress(deps.prisma, b.id);
  const lines = await deps.prisma.broadcastDelivery.findMany({
    where: { broadcastId: b.id },
    orderBy: [{ status: "asc" }, { beneficiaryId: "asc" }],
    select: {
      status: true,
      reason: true,
      channel: true,
      updatedAt: true,
      outbound: { select: { sentAt: true } },
      beneficiaryId: true,
    },
  });
  const people = await deps.prisma.beneficiary.findMany({
    where: { id: { in: lines.map((l) => l.beneficiaryId) } },
    select: { id: true, fullName: true, phone: true, commune: { select: { name: true } } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const c = (key: string) => t(`broadcasts:console.col.${key}`);
  const { workbook, finish } = streamedWorkbook();

  const summary = sheet(workbook, t("broadcasts:console.sheetSummary"), [
    { header: c("figure"), width: 34 },
    { header: c("count"), width: 12, kind: "amount" },
  ]);
  summary.addRow([t("broadcasts:console.field.title"), b.title]);
  for (const key of ["total", "sent", "failed", "unreachable", "optedOut", "cancelled", "pending"] as const) {
    summary.addRow([t(`broadcasts:console.figure.${key}`), progress?.[key] ?? 0]);
  }
  for (const r of progress?.failedBy ?? [])
    summary.addRow([`${t("broadcasts:console.figure.failed")}: ${reasonText(t, r.reason)}`, r.count]);
  for (const r of progress?.unreachableBy ?? [])
    summary.addRow([`${t("broadcasts:console.figure.unreachable")}: ${reasonText(t, r.reason)}`, r.count]);

  const rows = sheet(workbook, t("broadcasts:console.sheetPeople"), [
    { header: c("serial"), width: 6 },
    { header: c("name"), width: 26 },
    { header: c("commune"), width: 22 },
    { header: c("phone"), width: 16 },
    { header: c("channel"), width: 12 },
    { header: c("outcome"), width: 18 },
    { header: c("reason"), width: 30 },
    { header: c("sentAt"), width: 18 },
  ]);
  rows.getColumn(8).numFmt = "dd/mm/yyyy hh:mm";
  lines.forEach((l, i) => {
    const p = byId.get(l.beneficiaryId);
    const outcome = outcomeOf(l.status, l.reason);
    rows
      .addRow([
        i + 1,
        p?.fullName ?? "",
        p?.commune.name ?? "",
        p?.phone ? mask(p.phone) : "",
        l.channel ?? "",
        t(`broadcasts:console.figure.${outcome}`),
        l.reason ? reasonText(t, l.reason) : "",
        // Excel has no time zones: the cell shows Vietnam time.
        l.outbound?.sentAt ? asWallClockDate(l.outbound.sentAt) : null,
      ])
      .commit();
  });

  await recordAudit(deps.prisma, {
    staffId: input.staff.id,
    actor: input.staff.username,
    action: "broadcast.export",
    entity: "Broadcast",
    entityId: b.id,
    detail: { rows: lines.length },
    ip: input.ip ?? null,
  });
  return {
    fileName: `tin-nhan-${b.createdAt.toISOString().slice(0, 10)}-${b.id.slice(0, 8)}.xlsx`,
    data: await finish(),
  };
}

/** A reason as officers read it; an unknown platform reason is shown as it came. */
export function reasonText(t: TFunction, reason: string): string {
  return t(`broadcasts:console.reason.${reason}`, { defaultValue: reason });
}
