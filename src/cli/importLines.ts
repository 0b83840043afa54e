// How the import command prints a report line: where (sheet, then the row or the rows sharing one
// cause), the column as the officer wrote it, and the reason, the way the console shows them.
import type { Translator } from "../core/i18n.ts";
import type { ImportChange, ReportLine } from "../features/imports/types.ts";

export function reportLineText(l: ReportLine, t: Translator): string {
  if (l.rows[0] === 0 || l.column === "") return t("imports:cli.fileError", { message: l.message });
  const rows =
    l.rows.length > 1
      ? `${t("imports:report.rowsCount", { count: l.rows.length })} (${l.rowsText})`
      : t("imports:cli.row", { row: l.rowsText });
  const where = [l.sheet === null ? null : t("imports:sheets.named", { name: l.sheet }), rows]
    .filter((part) => part !== null)
    .join(", ");
  return t("imports:cli.errorLine", {
    where: where.charAt(0).toLocaleUpperCase("vi") + where.slice(1),
    column: l.column,
    message: l.value ? `${l.message} [${l.value}]` : l.message,
  });
}

/**
 * What the updated rows change, field by field ("Số tiền (1), Ghi chú (17)"), so that a check that
 * would rewrite a whole month, everyone's way of payment or the notes shows it before it is run.
 */
export function changeTally(changes: ImportChange[], t: Translator): string | null {
  const counts = new Map<string, number>();
  let updated = 0;
  for (const c of changes) {
    if (c.action !== "update") continue;
    updated++;
    for (const f of c.fields) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  if (updated === 0) return null;
  const fields = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([f, n]) => `${t(`imports:fields.${f}`)} (${n})`)
    .join(", ");
  return t("imports:cli.updatedFields", { count: updated, fields });
}
