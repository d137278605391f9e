import { plannedTrimp, projectFitness } from "./projection";

describe("projected fitness", () => {
  it("rates an easy hour far below a threshold hour", () => {
    const easy = plannedTrimp("easy", 3600);
    expect(easy).toBeGreaterThan(50);
    expect(easy).toBeLessThan(90);
    expect(plannedTrimp("threshold", 3600)).toBeGreaterThan(1.5 * easy);
    expect(plannedTrimp("rest", 3600)).toBe(0);
  });

  it("lets fitness decay over rest days with the 42-day constant", () => {
    const days = projectFitness("2026-03-01", 50, 50, [{ date: "2026-03-15", type: "rest", duration_s: 0 }]);
    expect(days).toHaveLength(14);
    expect(days[13]!.ctl).toBeCloseTo(50 * Math.exp(-14 / 42), 6);
    expect(days[13]!.atl).toBeCloseTo(50 * Math.exp(-14 / 7), 6);
  });

  it("raises fatigue faster than fitness on a training day, and form lags a day", () => {
    const [day] = projectFitness("2026-03-01", 40, 40, [{ date: "2026-03-02", type: "long", duration_s: 7200 }]);
    expect(day!.atl - 40).toBeGreaterThan(day!.ctl - 40);
    expect(day!.tsb).toBe(0);
  });

  it("ignores planned runs already past", () => {
    expect(projectFitness("2026-03-10", 40, 40, [{ date: "2026-03-02", type: "easy", duration_s: 3600 }])).toEqual([]);
  });
});
