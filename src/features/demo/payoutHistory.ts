// Three months of payouts and the next, scheduled one for a demo person. Money not collected in
// a month is carried over to the next month's payout as its own line (Circular 02/2021).
import { demoAmount } from "./demoAmount.ts";
import type { PersonContext } from "./person.ts";
import type { DemoCommune, DemoPoint } from "./province.ts";
import type { Random } from "./random.ts";
import { demoUuid } from "./random.ts";
import type { DemoAuthorisation, DemoLine, DemoPayout, DemoPerson } from "./types.ts";
import { vietnamTime } from "../../lib/vietnamTime.ts";

const FAILURES = ["Tài khoản đã bị khóa", "Tên chủ tài khoản không khớp với danh sách", "Tài khoản ngừng hoạt động"];

export function payoutHistory(
  rng: Random,
  ctx: PersonContext,
  person: Omit<DemoPerson, "payouts">,
  commune: DemoCommune,
  hamlet: number,
  age: number,
): DemoPayout[] {
  const account = person.accounts.find((a) => a.status === "VERIFIED") ?? null;
  const point = commune.points[hamlet % commune.points.length]!;
  const disabled = person.categories.some((c) => c.code.includes("ESPECIALLY_SEVERE"));
  // The post office brings the money home to people who cannot travel.
  const atHome = !account && (age >= 88 || disabled) && rng.chance(0.45);
  const firstDay = Math.min(...commune.points.map((p) => p.day));
  const lastDay = Math.max(...commune.points.map((p) => p.day));

  const payouts: DemoPayout[] = [];
  let carried: DemoPayout | null = null;
  ctx.months.forEach((month, k) => {
    const due = demoAmount(ctx.policy, {
      programme: person.beneficiary.programme,
      categories: person.categories,
      month,
    });
    const lines: DemoLine[] = due.lines.map((l) => ({
      kind: l.kind,
      label: l.label,
      amount: l.amount,
      categoryCode: l.categoryCode,
      baseLevel: l.baseLevel,
      coefficient: l.coefficient,
      legalBasis: l.legalBasis,
    }));
    if (carried) {
      lines.push({
        kind: "CARRIED_OVER",
        label: `Tiền chưa nhận kỳ ${monthLabel(carried.month)} chuyển sang`,
        amount: carried.amount,
        categoryCode: null,
        baseLevel: null,
        coefficient: null,
        legalBasis: null,
      });
    }
    const method = account ? account.method : atHome ? "CASH_HOME" : "CASH_POINT";
    const day = account ? firstDay : atHome ? lastDay : point.day;
    const scheduledDate = `${month.slice(0, 8)}${String(day).padStart(2, "0")}`;
    const window =
      method === "CASH_POINT" ? point.window : method === "CASH_HOME" ? (["08:00", "17:00"] as const) : null;
    const authorisation = account ? null : validAuthorisation(person.authorisations, scheduledDate);
    const payout: DemoPayout = {
      id: demoUuid(ctx.seed, 5, person.index * 8 + k),
      month,
      amount: lines.reduce((sum, l) => sum + l.amount, 0),
      method,
      accountId: account?.id ?? null,
      pointName: method === "CASH_POINT" ? point.name : null,
      scheduledDate,
      windowStart: window?.[0] ?? null,
      windowEnd: window?.[1] ?? null,
      status: "SCHEDULED",
      statusNote: null,
      paidAt: null,
      receivedBy: null,
      authorisationId: authorisation?.id ?? null,
      lines,
    };
    if (scheduledDate < ctx.today && k < ctx.months.length - 1)
      settle(rng, payout, carried !== null, point, person, authorisation);
    carried = payout.status === "CARRIED_OVER" ? payout : null;
    payouts.push(payout);
  });
  return payouts;
}

function settle(
  rng: Random,
  payout: DemoPayout,
  uncollectedBefore: boolean,
  point: DemoPoint,
  person: Omit<DemoPerson, "payouts">,
  authorisation: DemoAuthorisation | null,
): void {
  if (payout.accountId) {
    if (rng.chance(0.025)) {
      payout.status = "FAILED";
      payout.statusNote = rng.pick(FAILURES);
    } else {
      payout.status = "PAID";
      payout.paidAt = instant(payout.scheduledDate, "08:00", rng.int(0, 120));
    }
    return;
  }
  // Nobody in the demo misses two months running (three would lead to suspension).
  const missed = !uncollectedBefore && rng.chance(payout.method === "CASH_HOME" ? 0.02 : 0.07);
  if (missed) {
    payout.status = "CARRIED_OVER";
    payout.statusNote = "Không đến nhận, chuyển sang kỳ sau";
    return;
  }
  payout.status = "PAID";
  const start = payout.windowStart ?? point.window[0];
  payout.paidAt = instant(payout.scheduledDate, start, rng.int(0, 150));
  if (authorisation && rng.chance(0.8)) {
    const relative = person.relatives.find((r) => r.id === authorisation.relativeId);
    payout.receivedBy = relative?.fullName ?? null;
  } else {
    payout.authorisationId = null;
  }
}

function validAuthorisation(authorisations: DemoAuthorisation[], date: string): DemoAuthorisation | null {
  return (
    authorisations.find(
      (a) =>
        a.status !== "PENDING" &&
        a.decidedAt !== null &&
        a.decidedAt.slice(0, 10) <= date &&
        a.validFrom <= date &&
        date <= a.validUntil,
    ) ?? null
  );
}

/** "HH:MM" Vietnam time on a day, plus some minutes, as an ISO instant. */
function instant(date: string, time: string, plusMinutes: number): string {
  const at = vietnamTime(date, time);
  return new Date(at.getTime() + plusMinutes * 60_000).toISOString();
}

function monthLabel(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}
