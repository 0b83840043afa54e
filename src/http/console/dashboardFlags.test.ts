import { describe, expect, it } from "vitest";
import { figureTotals, type CommuneFigures } from "../../features/dashboard/communeFigures.ts";
import { flagBehind } from "./views/dashboardView.ts";

function commune(
  name: string,
  f: { paid: number; accountPaid: number; active: number; unreachable: number },
): CommuneFigures {
  const zero = figureTotals([]);
  return {
    ...zero,
    communeId: name,
    communeCode: name,
    communeName: name,
    paid: f.paid,
    accountPaid: f.accountPaid,
    active: f.active,
    none: f.unreachable,
  };
}

describe("which communes the dashboard marks", () => {
  it("never marks the province's best commune for its account share, even with two communes", () => {
    const best = commune("best", { paid: 100, accountPaid: 69, active: 100, unreachable: 40 });
    const other = commune("other", { paid: 100, accountPaid: 30, active: 100, unreachable: 10 });
    const flags = flagBehind([best, other]);
    expect([...flags.lowShare]).toEqual(["other"]);
    // The best commune may still be the one where most people have no chat: that is said as such.
    expect([...flags.hardToReach]).toEqual(["best"]);
  });

  it("marks nobody on a measure where the communes of the lowest quarter are not below the area", () => {
    const same = ["a", "b", "c", "d"].map((n) => commune(n, { paid: 50, accountPaid: 25, active: 50, unreachable: 5 }));
    const flags = flagBehind(same);
    expect(flags.lowShare.size).toBe(0);
    expect(flags.hardToReach.size).toBe(0);
  });

  it("marks the lowest quarter of eight communes when they are below the area", () => {
    const communes = [10, 20, 40, 50, 60, 70, 80, 90].map((share, i) =>
      commune(`c${i}`, { paid: 100, accountPaid: share, active: 100, unreachable: 0 }),
    );
    expect([...flagBehind(communes).lowShare].sort()).toEqual(["c0", "c1"]);
  });
});
