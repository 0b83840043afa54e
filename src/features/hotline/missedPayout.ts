// Money that should have come: the person's latest payout day has passed and it was not paid, or
// the transfer failed. Before the payout day nothing is missing yet; the day is what to tell.
import type { CalendarDate } from "../../lib/calendarDate.ts";
import type { PayoutOverview, PayoutView } from "../payouts/types.ts";

export function missedPayout(o: PayoutOverview, today: CalendarDate): PayoutView | null {
  // History holds what is no longer upcoming, newest first: its head is the latest payout due.
  const latest = o.history[0];
  if (!latest || latest.status === "PAID") return null;
  if (latest.status === "FAILED") return latest;
  const due = latest.date ?? latest.month;
  return due < today ? latest : null;
}
