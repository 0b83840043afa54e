// Checks each row of a monthly payout list; whether the person exists is checked against the
// database afterwards, in bulk.
import type { PayoutMethod, PayoutStatus } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { personalIdProblems } from "../../lib/personalId.ts";
import { cellParsers } from "./cellParsers.ts";
import { rowReader } from "./rowReader.ts";
import type { Columns } from "./columns.ts";
import type { RowError } from "./types.ts";
import { vocabulary } from "./vocabulary.ts";

export interface PayoutInput {
  row: number;
  personalId: string;
  /** "YYYY-MM" */
  month: string;
  amount: number;
  method: PayoutMethod;
  /** For bank, e-wallet and Mobile Money payouts. */
  account: { provider: string; number: string } | null;
  /** undefined: the file has no such column, keep what is stored. */
  payoutDate?: CalendarDate | null;
  window?: { start: string; end: string } | null;
  point?: { name: string; address: string | null } | null;
  status?: PayoutStatus;
  receiver?: string | null;
  note?: string | null;
}

export const ACCOUNT_METHODS: readonly PayoutMethod[] = ["BANK", "EWALLET", "MOBILE_MONEY"];
const MAX_TEXT = 300;

export function payoutRows(cols: Columns): { rows: PayoutInput[]; errors: RowError[] } {
  const rows: PayoutInput[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();

  for (const r of cols.dataRows) {
    const { errors: rowErrors, err, text, optional, personalId: readId } = rowReader(cols, r, MAX_TEXT);
    const personalId = readId();
    if (personalId !== "") for (const p of personalIdProblems(personalId)) err("personalId", `personal_id_${p}`);

    const month = cellParsers.month(cols.cell(r, "month"));
    if (text("month") === "") err("month", "required");
    else if (!month.ok) err("month", month.code, month.params);

    const amount = cellParsers.amount(cols.cell(r, "amount"));
    if (text("amount") === "") err("amount", "required");
    else if (!amount.ok) err("amount", amount.code, amount.params);

    const methodText = text("method");
    const method = vocabulary.payoutMethod(methodText);
    if (methodText === "") err("method", "required");
    else if (!method) err("method", "method_invalid", { value: methodText.slice(0, 40) });

    let account: PayoutInput["account"] = null;
    if (method && ACCOUNT_METHODS.includes(method)) {
      const provider = text("provider");
      const number = text("accountNumber").replace(/[\s.-]/g, "");
      if (provider === "") err("provider", "provider_required");
      if (number === "") err("accountNumber", "account_required");
      else if (!/^\d{6,19}$/.test(number)) err("accountNumber", "account_invalid");
      account = { provider, number };
    }

    let payoutDate: CalendarDate | null | undefined;
    if (cols.has("payoutDate")) {
      const d = cellParsers.date(cols.cell(r, "payoutDate"));
      if (!d.ok) err("payoutDate", d.code, d.params);
      else payoutDate = d.value;
    }
    let window: PayoutInput["window"];
    if (cols.has("timeWindow")) {
      const w = cellParsers.timeWindow(cols.cell(r, "timeWindow"));
      if (!w.ok) err("timeWindow", w.code, w.params);
      else window = w.value;
    }
    const pointName = optional("point");
    const pointAddress = optional("pointAddress") ?? null;
    const point = pointName === undefined ? undefined : pointName === null ? null : { name: pointName, address: pointAddress };

    let status: PayoutStatus | undefined;
    const statusText = text("status");
    if (statusText !== "") {
      status = vocabulary.payoutStatus(statusText) ?? undefined;
      if (!status) err("status", "payout_status_invalid", { value: statusText.slice(0, 40) });
    }
    const receiver = optional("receiver");
    const note = optional("note");

    if (personalId !== "" && month.ok) {
      // One payout per person and month: a second line for the same month is a mistake.
      const key = `${month.value}|${personalId}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) err("personalId", "duplicate_row", { firstRow: first });
      else firstRowOf.set(key, r.row);
    }

    if (rowErrors.length > 0 || !month.ok || !amount.ok || !method) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      row: r.row, personalId, month: month.value, amount: amount.value, method, account,
      payoutDate, window, point, status, receiver, note,
    });
  }
  return { rows, errors };
}
