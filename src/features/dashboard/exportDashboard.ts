// The results dashboard as XLSX files for the officers: the dashboard itself (the figures per
// commune with the totals, officers' messages included, the twelve-month trend, and what each
// figure counts), and the list behind any one figure. Downloads are audited: the lists name
// people.
import ExcelJS from "exceljs";
import type { I18n } from "../../core/i18n.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import { recordAudit } from "../audit/service.ts";
import type { ExportFile } from "../exports/payoutList.ts";
import { sheet, streamedWorkbook, workbookBuffer, type SheetColumn } from "../exports/sheet.ts";
import { accountShare, FIGURE_KEYS, type FigureCounts } from "./communeFigures.ts";
import { figureList, type ListFigure, type ListScope } from "./figureLists.ts";
import { DEFINITIONS, listColumns } from "./listColumns.ts";
import type { Dashboard } from "./loadDashboard.ts";
import { asWallClockDate } from "../../lib/vietnamTime.ts";

type Deps = { prisma: PrismaClient; i18n: I18n };

const TREND_KEYS = [
  "paid",
  "accountPaid",
  "uncollected",
  "uncollectedAmount",
  "noticesSent",
  "noticesFailed",
  "noticesSkipped",
  "broadcastSent",
  "broadcastFailed",
] as const;

export async function exportDashboard(
  deps: Deps,
  input: { staff: StaffContext; dashboard: Dashboard; locale: string },
): Promise<ExportFile> {
  const t = deps.i18n.t(input.locale);
  const d = input.dashboard;
  const label = (k: string) => t(`dashboard:figure.${k}`);
  const workbook = new ExcelJS.Workbook();
  const amount = (header: string): SheetColumn => ({ header, width: 14, kind: "amount" });
  const communes = sheet(workbook, t("dashboard:sheet.communes"), [
    { header: t("dashboard:col.commune"), width: 28 },
    amount(t("dashboard:figure.share")),
    ...FIGURE_KEYS.map((k) => amount(label(k))),
  ]);
  const line = (name: string, f: FigureCounts) =>
    communes.addRow([name, accountShare(f), ...FIGURE_KEYS.map((k) => f[k])]);
  for (const c of d.communes) line(`${c.communeName} (${c.communeCode})`, c);
  line(t("dashboard:totals"), d.totals).font = { bold: true };
  communes.getColumn(2).numFmt = "0.0";

  const trend = sheet(workbook, t("dashboard:sheet.trend"), [
    { header: t("dashboard:period"), width: 12 },
    amount(t("dashboard:figure.share")),
    ...TREND_KEYS.map((k) => amount(label(k))),
  ]);
  for (const p of d.trend) trend.addRow([p.period.month.slice(0, 7), accountShare(p), ...TREND_KEYS.map((k) => p[k])]);
  trend.getColumn(2).numFmt = "0.0";

  const terms = sheet(workbook, t("dashboard:sheet.definitions"), [
    { header: t("dashboard:sheet.term"), width: 28 },
    { header: t("dashboard:sheet.meaning"), width: 100 },
  ]);
  for (const k of DEFINITIONS) {
    terms.addRow([t(`dashboard:define.${k}.term`), t(`dashboard:define.${k}.text`)]);
  }
  if (d.countedAt) terms.addRow([t("dashboard:sheet.countedAt"), d.countedAt.toISOString()]);

  await recordAudit(deps.prisma, {
    staffId: input.staff.id,
    actor: input.staff.username,
    action: "export.dashboard",
    entity: "PayoutPeriod",
    ...(d.period ? { entityId: d.period.id } : {}),
    detail: { communes: d.communes.length },
  });
  return {
    fileName: `bang-so-lieu-${d.period?.month.slice(0, 7) ?? "trong"}.xlsx`,
    data: await workbookBuffer(workbook),
  };
}

export async function exportFigureList(
  deps: Deps,
  input: {
    staff: StaffContext;
    area: string[] | null;
    figure: ListFigure;
    scope: ListScope;
    month: string | undefined;
    locale: string;
  },
): Promise<ExportFile> {
  const t = deps.i18n.t(input.locale);
  const rows = await figureList(deps.prisma, input.area, input.figure, input.scope);
  const { headers, values } = listColumns(t, input.figure);
  const { workbook, finish } = streamedWorkbook();
  const ws = sheet(workbook, t(`dashboard:figure.${input.figure}`), [
    { header: t("dashboard:list.serial"), width: 6 },
    ...headers.map((header) => ({ header, width: 22 })),
  ]);
  rows.forEach((r, i) => {
    // Times as Vietnam wall-clock time: Excel cells carry no time zone.
    const cells = values(r).map((v) => (v instanceof Date ? asWallClockDate(v) : v));
    const row = ws.addRow([i + 1, ...cells]);
    cells.forEach((v, j) => {
      if (typeof v === "number") row.getCell(j + 2).numFmt = "#,##0";
      if (v instanceof Date) row.getCell(j + 2).numFmt = "dd/mm/yyyy hh:mm";
    });
    row.commit();
  });
  await recordAudit(deps.prisma, {
    staffId: input.staff.id,
    actor: input.staff.username,
    action: "export.dashboardList",
    entity: "Commune",
    ...(input.area?.length === 1 && input.area[0] ? { entityId: input.area[0] } : {}),
    detail: { figure: input.figure, month: input.month ?? null, rows: rows.length },
  });
  return { fileName: `danh-sach-${input.figure}-${input.month ?? "nay"}.xlsx`, data: await finish() };
}
