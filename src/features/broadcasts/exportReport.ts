// A broadcast's delivery report as an XLSX file: the figures, the failures by reason, and one row
// per person (phone masked, like on screen). Downloading it is audited: it lists names.
import type { TFunction } from "i18next";
import type { I18n } from "../../core/i18n.ts";
import { z } from "zod";
import { queryRows, sqlDate } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { mask } from "../../lib/redact.ts";
import { recordAudit } from "../audit/service.ts";
import type { ExportFile } from "../exports/payoutList.ts";
import { sheet, streamedWorkbook } from "../exports/sheet.ts";
import type { BroadcastDetail } from "./list.ts";
import { broadcastProgress, outcomeOf } from "./report.ts";
import { asWallClockDate } from "../../lib/vietnamTime.ts";

export async function exportBroadcastReport(
  deps: { prisma: PrismaClient; i18n: I18n; pageSize?: number },
  input: { broadcast: BroadcastDetail; staff: { id: string; username: string }; locale: string; ip?: string | null },
): Promise<ExportFile> {
  const t = deps.i18n.t(input.locale);
  const b = input.broadcast;
  const progress = await broadcastProgress(deps.prisma, b.id);
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
  let written = 0;
  for await (const page of deliveryPages(deps.prisma, b.id, deps.pageSize)) {
    for (const l of page) {
      const outcome = outcomeOf(l.status, l.reason);
      rows
        .addRow([
          ++written,
          l.fullName ?? "",
          l.communeName ?? "",
          l.phone ? mask(l.phone) : "",
          l.channel ?? "",
          t(`broadcasts:console.figure.${outcome}`),
          l.reason ? reasonText(t, l.reason) : "",
          // Excel has no time zones: the cell shows Vietnam time.
          l.sentAt ? asWallClockDate(l.sentAt) : null,
        ])
        .commit();
    }
  }

  await recordAudit(deps.prisma, {
    staffId: input.staff.id,
    actor: input.staff.username,
    action: "broadcast.export",
    entity: "Broadcast",
    entityId: b.id,
    detail: { rows: written },
    ip: input.ip ?? null,
  });
  return {
    fileName: `tin-nhan-${b.createdAt.toISOString().slice(0, 10)}-${b.id.slice(0, 8)}.xlsx`,
    data: await finish(),
  };
}

const deliveryRow = z.object({
  status: z.string(),
  reason: z.string().nullable(),
  channel: z.string().nullable(),
  sentAt: sqlDate.nullable(),
  beneficiaryId: z.string(),
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  communeName: z.string().nullable(),
});
type DeliveryLine = z.output<typeof deliveryRow>;

/**
 * The report's people a page at a time, in the order of the screen (outcome, then person): an
 * audience can be a province, and its 100,000 lines read at once held 200 MB of objects.
 */
async function* deliveryPages(db: PrismaClient, broadcastId: string, size = 5000): AsyncGenerator<DeliveryLine[]> {
  let after: { status: string; beneficiaryId: string } | null = null;
  for (;;) {
    const page: DeliveryLine[] = await queryRows(
      db,
      deliveryRow,
      Prisma.sql`
      SELECT d.status::text AS status, d.reason, d.channel, o."sentAt", d."beneficiaryId", b."fullName", b.phone,
        c.name AS "communeName"
      FROM (
        -- The page is chosen before anything is joined: joining first took every line left to
        -- read to its person, then sorted them all, for each page.
        SELECT d.id, d.status, d.reason, d.channel, d."beneficiaryId" FROM "BroadcastDelivery" d
        WHERE d."broadcastId" = ${broadcastId}
          ${after ? Prisma.sql`AND (d.status, d."beneficiaryId") > (${after.status}::"DeliveryStatus", ${after.beneficiaryId})` : Prisma.empty}
        ORDER BY d.status, d."beneficiaryId"
        LIMIT ${size}
      ) d
      LEFT JOIN "OutboundMessage" o ON o."broadcastDeliveryId" = d.id
      LEFT JOIN "Beneficiary" b ON b.id = d."beneficiaryId"
      LEFT JOIN "Commune" c ON c.id = b."communeId"
      ORDER BY d.status, d."beneficiaryId"`,
    );
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < size) return;
    after = { status: last.status, beneficiaryId: last.beneficiaryId };
  }
}

/** A reason as officers read it; an unknown platform reason is shown as it came. */
export function reasonText(t: TFunction, reason: string): string {
  return t(`broadcasts:console.reason.${reason}`, { defaultValue: reason });
}
