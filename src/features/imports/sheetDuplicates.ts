// The same person twice in one file is a mistake to report — unless a whole sheet repeats the
// others: workbooks often hold one sheet per hamlet plus a summary sheet listing everyone again.
// That sheet is set aside (and said so) instead of reporting every person in it twice.
import type { AreaInput } from "./areaRows.ts";
import type { Params } from "./cellParsers.ts";
import type { BeneficiaryInput } from "./beneficiaryRows.ts";
import type { PayoutInput } from "./payoutRows.ts";
import type { ImportKind, RowError } from "./types.ts";
import { foldKey } from "./vocabulary.ts";

export interface Position {
  sheet: string | null;
  row: number;
  column: string;
  letter?: string;
}

/** What makes two rows the same: the person (beneficiaries), the person and month (payouts). */
export function duplicateKey(kind: ImportKind, input: BeneficiaryInput | PayoutInput | AreaInput): string | null {
  if (
    kind === "beneficiaries" &&
    "personalId" in input &&
    typeof input.personalId === "string" &&
    "dateOfBirth" in input
  )
    return input.personalId;
  if (kind === "payouts" && "month" in input) {
    return `${input.month}|${input.personalId ?? `${input.masked?.last4}:${foldKey(input.masked?.name ?? "")}`}`;
  }
  return null;
}

export class SheetDuplicates {
  private readonly seen = new Map<string, Position[]>();

  /**
   * A payout list names a person once a month: twice is most often back pay or a supplement put on
   * a line of its own, and the officer is told where such amounts go instead.
   */
  constructor(private readonly kind: ImportKind) {}

  see(key: string, at: Position): void {
    const list = this.seen.get(key);
    if (list) list.push(at);
    else this.seen.set(key, [at]);
  }

  finish(): { dropped: string[]; errors: RowError[] } {
    const dropped = this.summarySheet();
    const errors: RowError[] = [];
    for (const list of this.seen.values()) {
      const kept = list.filter((p) => p.sheet === null || !dropped.includes(p.sheet));
      const first = kept[0];
      if (!first) continue;
      for (const p of kept.slice(1)) {
        const params: Params =
          first.sheet !== p.sheet && first.sheet !== null
            ? { firstRow: first.row, firstSheet: first.sheet }
            : { firstRow: first.row };
        errors.push({
          sheet: p.sheet,
          row: p.row,
          column: p.column,
          letter: p.letter,
          code: `${this.kind === "payouts" ? "duplicate_payout" : "duplicate_row"}${first.sheet !== p.sheet ? "_sheet" : ""}`,
          params,
        });
      }
    }
    return { dropped, errors };
  }

  /** The largest sheet whose every person is also on another sheet, when there are several sheets. */
  private summarySheet(): string[] {
    const rows = new Map<string, number>();
    const covered = new Map<string, number>();
    for (const list of this.seen.values()) {
      const sheets = new Set(list.map((p) => p.sheet ?? ""));
      for (const s of sheets) {
        rows.set(s, (rows.get(s) ?? 0) + 1);
        if (sheets.size > 1) covered.set(s, (covered.get(s) ?? 0) + 1);
      }
    }
    if (rows.size < 2) return [];
    const candidates = [...rows].filter(([s, n]) => s !== "" && covered.get(s) === n).sort((a, b) => b[1] - a[1]);
    return candidates[0] ? [candidates[0][0]] : [];
  }
}
