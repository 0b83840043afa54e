// Checks one row of a monthly payout list; whether the person exists is checked against the
// database afterwards, in bulk. The month may be in a column or in the list's title; without a
// method column a row with an account number is a transfer and one without is cash.
import type { PayoutLineKind, PayoutMethod, PayoutStatus } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { RowCheck } from "./beneficiaryRows.ts";
import { PROVIDERS } from "../requests/providers.ts";
import { cellParsers } from "./cellParsers.ts";
import { PAYOUT_PARTS } from "./fieldSpecs.ts";
import { readPersonalId } from "./personalIdCell.ts";
import { rowReader, type RowReader, type SheetColumns } from "./rowReader.ts";
import type { TableRow } from "./table.ts";
import { THOUSANDS_OF_DONG, type TitleFacts } from "./titleFacts.ts";
import { foldKey, vocabulary } from "./vocabulary.ts";

export interface PayoutInput {
  sheet: string | null;
  row: number;
  /** The full ID, or null when the list shows it masked (our own printed lists). */
  personalId: string | null;
  /** A masked ID's last four digits and the name beside it, to find the person in the area. */
  masked: { last4: string; name: string } | null;
  /** "YYYY-MM" */
  month: string;
  amount: number;
  /** The parts of the amount when the list splits it and they add up to it; undefined otherwise. */
  lines?: PayoutPart[];
  method: PayoutMethod;
  /**
   * False when the list says nothing of how the person is paid (no method column, no account
   * number): a payout already stored keeps its method and account; a new one is paid in cash.
   */
  methodStated: boolean;
  /** For bank, e-wallet and Mobile Money payouts; a masked number names a known account. */
  account: { provider: string; number: string; masked: boolean } | null;
  /** undefined: the file has no such column, keep what is stored. */
  payoutDate?: CalendarDate | null;
  window?: { start: string; end: string } | null;
  point?: { name: string; address: string | null } | null;
  status?: PayoutStatus;
  receiver?: string | null;
  note?: string | null;
}

/** One part of a payout's amount, as the line that explains it. */
export interface PayoutPart {
  kind: PayoutLineKind;
  amount: number;
}

export const ACCOUNT_METHODS: readonly PayoutMethod[] = ["BANK", "EWALLET", "MOBILE_MONEY"];
const MAX_TEXT = 300;
const MASKED_NUMBER = /^[•●*xX.]{3,}(\d{4})$/;

// No allowance, part or deduction is under ten thousand đồng: a smaller amount is a list kept in
// thousands that does not say so, and storing it would tell the person they get 810 đ.
const MIN_AMOUNT = 10_000;

export function payoutChecker(cols: SheetColumns, titles: TitleFacts): RowCheck<PayoutInput> {
  // "Số tiền (nghìn đồng)" or "Đơn vị tính: 1.000 đồng" under the title.
  const amountColumns = ["amount", ...Object.keys(PAYOUT_PARTS)].filter((f) => cols.has(f));
  const unit = titles.thousands || amountColumns.some((f) => THOUSANDS_OF_DONG.test(foldKey(cols.name(f)))) ? 1_000 : 1;
  return (r) => {
    const read = rowReader(cols, r, MAX_TEXT);
    const { errors, err, text, optional } = read;
    // A person kept on the list with nothing this month ("0", "-"): nothing to import, nothing wrong.
    if (nothingPaid(amountColumns.map(text))) return { input: null, errors: [], unpaid: true };
    const id = readPersonalId(cols.cell(r, "personalId"), {});
    if (id.kind === "problem") for (const p of id.problems) err("personalId", p.code, p.params);
    const name = cellParsers.personName(cols.cell(r, "fullName"));
    if (id.kind === "masked" && name === "") err("fullName", "masked_needs_name");

    let month: string | null = titles.month;
    if (cols.has("month") && text("month") !== "") {
      const m = cellParsers.month(cols.cell(r, "month"), titles.year);
      if (!m.ok) err("month", m.code, m.params);
      month = m.ok ? m.value : null;
    } else if (!month) err("month", "month_missing");

    const parts = amountParts(cols, r, read, unit);
    const sum = parts.reduce((total, p) => total + p.amount, 0);
    let amount: number | null = null;
    if (cols.has("amount")) {
      const parsed = cellParsers.amount(cols.cell(r, "amount"), unit);
      if (text("amount") === "" && parts.length === 0) err("amount", "required");
      else if (text("amount") === "") amount = sum;
      else if (!parsed.ok) err("amount", parsed.code, parsed.params);
      else amount = parsed.value;
    } else if (parts.length === 0) err("amount", "required");
    else amount = sum;
    if (amount !== null && amount <= 0) {
      err("amount", "amount_invalid");
      amount = null;
    } else if (amount !== null && amount < MIN_AMOUNT) {
      err("amount", "amount_too_small", { value: text("amount") || String(amount) });
      amount = null;
    }
    const lines = amount === null ? undefined : linesOf(parts, amount);
    if (lines === null)
      err("amount", "parts_mismatch", { sum: sum.toLocaleString("vi-VN"), amount: amount!.toLocaleString("vi-VN") });

    // A leading apostrophe is how a number is kept as text in a spreadsheet, not part of it.
    const numberText = text("accountNumber")
      .replace(/^'/, "")
      .replace(/[\s.-]/g, "");
    const methodText = text("method");
    let method: PayoutMethod | null = methodText
      ? vocabulary.payoutMethod(methodText)
      : cols.has("method")
        ? null
        : numberText
          ? "BANK"
          : "CASH_POINT";
    if (cols.has("method") && methodText === "") err("method", "required");
    else if (methodText && !method) err("method", "method_invalid", { value: methodText.slice(0, 40) });

    let account: PayoutInput["account"] = null;
    if (method && ACCOUNT_METHODS.includes(method)) {
      const provider = text("provider");
      // "Chuyển khoản" to Viettel Money is Mobile Money: the provider says what kind of account it is.
      if (method === "BANK") method = providerKind(provider) ?? method;
      const masked = MASKED_NUMBER.exec(numberText);
      if (provider === "" && !masked) err("provider", "provider_required");
      if (numberText === "") err("accountNumber", "account_required");
      else if (!masked && !/^\d{6,19}$/.test(numberText)) err("accountNumber", "account_invalid");
      account = { provider, number: masked ? masked[1]! : numberText, masked: !!masked };
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
    const point =
      pointName === undefined ? undefined : pointName === null ? null : { name: pointName, address: pointAddress };

    let status: PayoutStatus | undefined;
    const statusText = text("status");
    if (statusText !== "") {
      status = vocabulary.payoutStatus(statusText) ?? undefined;
      if (!status) err("status", "payout_status_invalid", { value: statusText.slice(0, 40) });
    }
    const receiver = optional("receiver");
    // An empty note keeps the stored one: the printed list does not show the notes, so an officer
    // who adds a "Ghi chú" column of their own cannot know what an empty cell would erase.
    const note = optional("note") ?? undefined;

    if (errors.length > 0 || !month || amount === null || !method || id.kind === "problem")
      return { input: null, errors };
    return {
      input: {
        sheet: cols.sheet,
        row: r.row,
        personalId: id.kind === "full" ? id.id : null,
        masked: id.kind === "masked" ? { last4: id.last4, name } : null,
        month,
        amount,
        lines: lines ?? undefined,
        method,
        methodStated: cols.has("method") || numberText !== "",
        account,
        payoutDate,
        window,
        point,
        status,
        receiver,
        note,
      },
      errors: [],
    };
  };
}

const PROVIDER_KINDS = new Map<string, PayoutMethod>(
  (["EWALLET", "MOBILE_MONEY"] as const).flatMap((kind) => PROVIDERS[kind].map((p) => [foldKey(p), kind] as const)),
);

/** An e-wallet or Mobile Money provider by the name a list gives it; null for a bank or an unknown name. */
function providerKind(provider: string): PayoutMethod | null {
  return PROVIDER_KINDS.get(foldKey(provider)) ?? null;
}

/** An amount written as nothing ("0", "-", "0 đ"), unlike an empty cell, which may be forgotten. */
const ZERO = /^(?=.*[0–—-])[\s0.,đ–—-]+$/;

/** Every amount cell of the row is empty or zero, and at least one says zero. */
function nothingPaid(cells: string[]): boolean {
  return cells.some((c) => ZERO.test(c)) && cells.every((c) => c === "" || ZERO.test(c));
}

/** The parts a list splits the amount into ("Trợ cấp tháng | Truy lĩnh | Tổng cộng"), as lines. */
function amountParts(cols: SheetColumns, r: TableRow, read: RowReader, unit: number): PayoutPart[] {
  const parts: PayoutPart[] = [];
  for (const [field, kind] of Object.entries(PAYOUT_PARTS)) {
    if (!cols.has(field)) continue;
    // Nothing of that part this month: an empty cell, "0" or "-".
    if (/^[\s0.,đ-]*$/.test(read.text(field))) continue;
    const parsed = cellParsers.amount(cols.cell(r, field), unit);
    if (!parsed.ok) read.err(field, parsed.code, parsed.params);
    else if (parsed.value < MIN_AMOUNT) read.err(field, "amount_too_small", { value: read.text(field) });
    else parts.push({ kind, amount: kind === "DEDUCTION" ? -parsed.value : parsed.value });
  }
  return parts;
}

/**
 * The lines that explain an amount from the parts a list gives. Without a monthly column, what the
 * other parts leave of the total is the month's allowance ("Tổng số tiền | Truy lĩnh"). A monthly
 * column beside an amount it does not add up to is only the rate (undefined: no lines from the
 * list); other parts that do not add up are a contradiction (null).
 */
function linesOf(parts: PayoutPart[], amount: number): PayoutPart[] | undefined | null {
  if (parts.length === 0) return undefined;
  const sum = parts.reduce((total, p) => total + p.amount, 0);
  if (sum === amount) return parts;
  const hasMonthly = parts.some((p) => p.kind === "MONTHLY");
  if (!hasMonthly && amount > sum) return [{ kind: "MONTHLY", amount: amount - sum }, ...parts];
  return hasMonthly && parts.length === 1 ? undefined : null;
}
