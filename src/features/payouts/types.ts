// What the chat needs to know about one person's payouts, as plain values: dates are calendar
// dates, money is integer VND, and account numbers arrive already masked. Schemas, because the
// overview travels from the database effect back to the flow that asked for it and is parsed there.
import { z } from "zod";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^\d{1,2}:\d{2}$/);

export const payoutViewSchema = z.object({
  /** First day of the payout month. */
  month: date,
  amount: z.number().int(),
  status: z.enum(["SCHEDULED", "PAID", "UNCOLLECTED", "CARRIED_OVER", "FAILED"]),
  method: z.enum(["BANK", "EWALLET", "MOBILE_MONEY", "CASH_POINT", "CASH_HOME"]),
  /** The payout day, from the payout itself or else the commune's schedule for that month. */
  date: date.nullable(),
  windowStart: time.nullable(),
  windowEnd: time.nullable(),
  place: z.object({ name: z.string(), address: z.string() }).nullable(),
  /** "••••1234": only the last four digits ever leave the database. */
  account: z.object({ provider: z.string(), maskedNumber: z.string() }).nullable(),
  paidOn: date.nullable(),
  /** Name of the authorised relative who collected it, when it was not the person themself. */
  receivedBy: z.string().nullable(),
  /** The officer's or payment service's note, e.g. why a transfer failed. */
  note: z.string().nullable(),
  /** Money from earlier months included in this payout. */
  carriedOver: z.number().int(),
});
export type PayoutView = z.infer<typeof payoutViewSchema>;
export type PayoutPlace = NonNullable<PayoutView["place"]>;
export type PayoutAccountRef = NonNullable<PayoutView["account"]>;

export const payoutOverviewSchema = z.object({
  beneficiaryId: z.string(),
  fullName: z.string(),
  sex: z.enum(["MALE", "FEMALE"]),
  programme: z.enum(["BTXH", "NCC"]),
  status: z.enum(["ACTIVE", "SUSPENDED", "ENDED", "DECEASED"]),
  /** The coming payout, or null when none is scheduled yet. */
  next: payoutViewSchema.nullable(),
  /** Earlier payouts, newest first. */
  history: z.array(payoutViewSchema),
});
export type PayoutOverview = z.infer<typeof payoutOverviewSchema>;
