// A fictional province for demos, guides and benchmarks: ~2,000 beneficiaries of both
// programmes with accounts, authorised relatives, three months of payout history and the next
// month scheduled. Pure and seeded: the same seed and day always give the same province, and
// dates are placed around "today" so the demo always looks current.
import { addMonths, firstOfMonth } from "../../lib/calendarDate.ts";
import type { Policy } from "../policy/policySchema.ts";
import { generatePerson, MAX_DEMO_PEOPLE, type PersonContext } from "./person.ts";
import { DEMO_COMMUNES, DEMO_PROVINCE, FIRST_PAYOUT_DAY } from "./province.ts";
import type { DemoData, DemoPerson, DemoPeriod, DemoSchedule } from "./types.ts";

export interface DemoOptions {
  seed: number;
  /** Today in Vietnam, "YYYY-MM-DD". */
  today: string;
  policy: Policy;
  /** Number of beneficiaries (default 2,000). */
  count?: number;
}

export const DEFAULT_DEMO_COUNT = 2_000;
const HISTORY_MONTHS = 3;

export function generateDemoProvince(options: DemoOptions): DemoData {
  const timeline = demoTimeline(options.today);
  return {
    province: { ...DEMO_PROVINCE },
    communes: DEMO_COMMUNES,
    periods: timeline.periods,
    schedules: timeline.schedules,
    people: [...demoPeople(options)],
  };
}

/** The people one at a time, so 100,000 of them can be written to files without holding them all. */
export function* demoPeople(options: DemoOptions): Generator<DemoPerson> {
  const count = options.count ?? DEFAULT_DEMO_COUNT;
  if (!Number.isInteger(count) || count < 0 || count > MAX_DEMO_PEOPLE) {
    throw new RangeError(`demo count must be an integer from 0 to ${MAX_DEMO_PEOPLE}`);
  }
  const ctx: PersonContext = {
    seed: options.seed,
    today: options.today,
    policy: options.policy,
    months: demoTimeline(options.today).periods.map((p) => p.month),
  };
  for (let i = 0; i < count; i++) yield generatePerson(ctx, i);
}

/**
 * The months shown: the next payout month (this month while its payout days are still ahead,
 * otherwise next month) and the three before it, with every commune's payout days.
 */
export function demoTimeline(today: string): { periods: DemoPeriod[]; schedules: DemoSchedule[] } {
  const thisMonth = firstOfMonth(today);
  const next = Number(today.slice(8, 10)) < FIRST_PAYOUT_DAY ? thisMonth : addMonths(thisMonth, 1);
  const months = Array.from({ length: HISTORY_MONTHS + 1 }, (_, k) => addMonths(next, k - HISTORY_MONTHS));
  const schedules: DemoSchedule[] = months.flatMap((month) =>
    DEMO_COMMUNES.flatMap((c) =>
      c.points.map((p) => ({
        month,
        communeCode: c.code,
        pointName: p.name,
        date: `${month.slice(0, 8)}${String(p.day).padStart(2, "0")}`,
        startTime: p.window[0],
        endTime: p.window[1],
      })),
    ),
  );
  const periods: DemoPeriod[] = months.map((month) => ({
    month,
    // A month is closed once all its payout days are over.
    status: schedules.some((s) => s.month === month && s.date >= today) ? "SCHEDULED" : "CLOSED",
  }));
  return { periods, schedules };
}
