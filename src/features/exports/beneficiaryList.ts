// The beneficiary list of one commune in exactly the layout the import reads, so an officer can
// download it, correct it in Excel and import it back. Being the officer's working copy, it
// carries full personal IDs; it is only given for communes in the officer's area, and audited.
import ExcelJS from "exceljs";
import { AppError } from "../../core/errors.ts";
import { canSeeCommune, type StaffContext } from "../../http/context.ts";
import { recordAudit } from "../audit/service.ts";
import { officerSheet } from "./officerSheet.ts";
import type { ExportDeps, ExportFile } from "./payoutList.ts";
import { workbookBuffer, type SheetColumn, type SheetValue } from "./sheet.ts";

// The columns, in the order the list shows them; the titles are the import's own labels.
const FIELDS = [
  "serial",
  "personalId",
  "fullName",
  "dateOfBirth",
  "sex",
  "phone",
  "address",
  "commune",
  "programme",
  "categories",
  "status",
  "decisionNo",
  "decidedOn",
  "note",
] as const;

const WIDTHS: Record<string, number> = {
  serial: 6,
  fullName: 26,
  address: 30,
  categories: 30,
  note: 24,
  personalId: 15,
};
const DATES = new Set(["dateOfBirth", "decidedOn"]);

export async function exportBeneficiaryList(
  deps: ExportDeps,
  input: { communeId: string; staff: StaffContext | null },
): Promise<ExportFile> {
  if (input.staff && !canSeeCommune(input.staff, input.communeId))
    throw new AppError("forbidden", "Commune outside the staff area");
  const commune = await deps.prisma.commune.findUnique({ where: { id: input.communeId } });
  if (!commune) throw new AppError("not_found", "Unknown commune");
  // Column titles and words are the Vietnamese ones whatever the screen language: it is a file format.
  const t = deps.i18n.t("vi");
  const people = await deps.prisma.beneficiary.findMany({
    where: { communeId: commune.id },
    orderBy: [{ fullNameAscii: "asc" }, { id: "asc" }],
    include: { categories: { include: { category: { select: { code: true } } } } },
  });
  // IDs are stored encrypted, so people with the same name are put in ID order here.
  for (let i = 0; i < people.length;) {
    let j = i + 1;
    while (j < people.length && people[j]!.fullNameAscii === people[i]!.fullNameAscii) j++;
    if (j - i > 1)
      people.splice(i, j - i, ...people.slice(i, j).sort((a, b) => (a.personalId < b.personalId ? -1 : 1)));
    i = j;
  }

  const columns: SheetColumn[] = FIELDS.map((f) => ({
    header: t(`imports:fields.${f}`),
    width: WIDTHS[f] ?? 14,
    kind: DATES.has(f) ? "date" : "text",
  }));
  const workbook = new ExcelJS.Workbook();
  const { ws } = officerSheet(workbook, t("imports:sheet.beneficiaries"), columns, {
    agency: t("imports:sheet.agency", { commune: commune.name }),
    title: t("imports:sheet.beneficiariesTitle"),
  });
  people.forEach((b, i) => {
    const value: Record<string, SheetValue> = {
      serial: i + 1,
      personalId: b.personalId,
      fullName: b.fullName,
      dateOfBirth: b.dateOfBirth,
      sex: t(`imports:sexes.${b.sex}`),
      phone: b.phone,
      address: b.address,
      commune: commune.code,
      programme: b.programme,
      categories: b.categories
        .map((c) => (c.rate === null ? c.category.code : `${c.category.code}:${c.rate}`))
        .sort()
        .join("; "),
      status: t(`imports:beneficiaryStatuses.${b.status}`),
      decisionNo: b.decisionNo,
      decidedOn: b.decidedOn,
      note: b.note,
    };
    ws.addRow(FIELDS.map((f) => value[f] ?? null));
  });

  await recordAudit(deps.prisma, {
    staffId: input.staff?.id ?? null,
    actor: input.staff?.username ?? "system",
    action: "export.beneficiaries",
    entity: "Commune",
    entityId: commune.id,
    detail: { rows: people.length },
  });
  return { fileName: `doi-tuong-${commune.code}.xlsx`, data: await workbookBuffer(workbook) };
}
