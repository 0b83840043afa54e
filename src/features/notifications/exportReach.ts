// The reach report as an XLSX file for the officers: one sheet with the counts per commune and
// the totals, one with the visit list (phones masked, like on screen). Downloading it is audited:
// it lists names and addresses.
import type { I18n } from "../../core/i18n.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { recordAudit } from "../audit/service.ts";
import type { ExportFile } from "../exports/payoutList.ts";
import { sheet, streamedWorkbook } from "../exports/sheet.ts";
import { peopleToVisit } from "./peopleToVisit.ts";
import { reachByCommune } from "./reachByCommune.ts";
import { reachTotals, type ReachCounts } from "./reachTotals.ts";

export async function exportReach(
  deps: { prisma: PrismaClient; i18n: I18n },
  input: { staff: StaffContext; communeId?: string; today: CalendarDate; locale: string },
): Promise<ExportFile> {
  const t = deps.i18n.t(input.locale);
  const area = input.communeId ? [input.communeId] : input.staff.communeIds;
  const [communes, people] = await Promise.all([
    reachByCommune(deps.prisma, area, input.today),
    peopleToVisit(deps.prisma, area, { today: input.today }),
  ]);
  const c = (key: string) => t(`console:reach.col.${key}`);
  const { workbook, finish } = streamedWorkbook();
  const summary = sheet(workbook, t("console:reach.sheetSummary"), [
    { header: c("commune"), width: 28 },
    { header: c("total"), width: 10, kind: "amount" },
    { header: c("ownChat"), width: 14, kind: "amount" },
    { header: c("relativeChat"), width: 14, kind: "amount" },
    { header: c("phoneOnly"), width: 14, kind: "amount" },
    { header: c("none"), width: 14, kind: "amount" },
    { header: c("noticesOff"), width: 14, kind: "amount" },
  ]);
  const line = (name: string, r: ReachCounts) =>
    summary.addRow([name, r.total, r.ownChat, r.relativeChat, r.phoneOnly, r.none, r.noticesOff]);
  for (const r of communes) line(`${r.communeName} (${r.communeCode})`, r);
  const totals = line(t("console:reach.totals"), reachTotals(communes));
  totals.font = { bold: true };
  totals.commit();

  const visits = sheet(workbook, t("console:reach.sheetVisits"), [
    { header: c("serial"), width: 6 },
    { header: c("name"), width: 26 },
    { header: c("address"), width: 32 },
    { header: c("phone"), width: 16 },
    { header: c("commune"), width: 24 },
    { header: c("why"), width: 30 },
  ]);
  people.forEach((p, i) =>
    visits
      .addRow([i + 1, p.fullName, p.address, p.maskedPhone, p.communeName, t(`console:reach.reason.${p.reach}`)])
      .commit(),
  );

  await recordAudit(deps.prisma, {
    staffId: input.staff.id,
    actor: input.staff.username,
    action: "export.reach",
    entity: "Commune",
    ...(input.communeId ? { entityId: input.communeId } : {}),
    detail: { communes: communes.length, visits: people.length },
  });
  return { fileName: `lien-lac-${input.today}.xlsx`, data: await finish() };
}
