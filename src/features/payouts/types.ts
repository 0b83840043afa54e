// What the chat needs to know about one person's payouts, as plain values: dates are calendar
// dates, money is integer VND, and account numbers arrive already masked.
import type { BeneficiaryStatus, PayoutMethod, PayoutStatus, Programme, Sex } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";

export interface PayoutPlace {
  name: string;
  address: string;
}

export interface PayoutAccountRef {
  provider: string;
  /** "••••1234": only the last four digits ever leave the database. */
  maskedNumber: string;
}

export interface PayoutView {
  /** First day of the payout month. */
  month: CalendarDate;
  amount: number;
  status: PayoutStatus;
  method: PayoutMethod;
  /** The payout day, from the payout itself or else the commune's schedule for that month. */
  date: CalendarDate | null;
  windowStart: string | null;
  windowEnd: string | null;
  place: PayoutPlace | null;
  account: PayoutAccountRef | null;
  paidOn: CalendarDate | null;
  /** Name of the authorised relative who collected it, when it was not the person themself. */
  receivedBy: string | null;
  /** The officer's or payment service's note, e.g. why a transfer failed. */
  note: string | null;
  /** Money from earlier months included in this payout. */
  carriedOver: number;
}

export interface PayoutOverview {
  beneficiaryId: string;
  fullName: string;
  sex: Sex;
  programme: Programme;
  status: BeneficiaryStatus;
  /** The coming payout, or null when none is scheduled yet. */
  next: PayoutView | null;
  /** Earlier payouts, newest first. */
  history: PayoutView[];
}
