import { describe, expect, it } from "vitest";
import { goalProgress, yearToDate } from "./goal";

describe("yearly goal", () => {
  it("spreads what is left over the weeks left, today included", () => {
    // 1 July 2026: 181 days gone, 184 left; 500 km of 1000 km done.
    const progress = goalProgress(1_000_000, 500_000, "2026-07-01");
    expect(progress.daysLeft).toBe(184);
    expect(progress.share).toBe(0.5);
    expect(progress.perWeekNeededM).toBeCloseTo((500_000 / 184) * 7, 6);
    expect(progress.perWeekSoFarM).toBeCloseTo((500_000 / 181) * 7, 6);
  });

  it("says how far ahead or behind an even year the runner is", () => {
    const ahead = goalProgress(365_000, 200_000, "2026-07-01");
    expect(ahead.aheadM).toBeCloseTo(200_000 - 181_000, 6);
    const behind = goalProgress(365_000, 100_000, "2026-07-01");
    expect(behind.aheadM).toBeLessThan(0);
  });

  it("needs nothing more once the goal is reached, and counts leap years", () => {
    const done = goalProgress(1_000_000, 1_200_000, "2028-12-31");
    expect(done).toMatchObject({ share: 1, remainingM: 0, perWeekNeededM: 0, daysLeft: 1 });
    expect(goalProgress(1, 0, "2028-01-01").daysLeft).toBe(366);
  });

  it("sums this year's months only", () => {
    const totals = [
      { start: "2025-12-01", distance_m: 90_000 },
      { start: "2026-01-01", distance_m: 100_000 },
      { start: "2026-02-01", distance_m: 120_000 },
    ];
    expect(yearToDate(totals, "2026-02-14")).toBe(220_000);
  });
});
