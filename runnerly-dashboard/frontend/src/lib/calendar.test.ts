import { distanceByDay, levelOf, yearGrid } from "./calendar";

describe("year heat map", () => {
  it("sums the runs of one day", () => {
    const days = distanceByDay([
      { start_time_local: "2026-03-01T07:00:00", distance_m: 5000 },
      { start_time_local: "2026-03-01T18:00:00", distance_m: 3000 },
      { start_time_local: "2026-03-02T07:00:00", distance_m: 10000 },
    ]);
    expect(days.get("2026-03-01")).toBe(8000);
    expect(days.get("2026-03-02")).toBe(10000);
  });

  it("lays a year out in Monday-first weeks, the busiest day darkest", () => {
    const grid = yearGrid(new Map([["2026-03-01", 20000], ["2026-02-28", 5000]]), "2026-03-01");
    expect(grid.length).toBeGreaterThanOrEqual(53);
    expect(grid.every((week) => week.length === 7)).toBe(true);
    const cells = grid.flat();
    expect(cells.find((c) => c.day === "2026-03-01")!.level).toBe(4);
    expect(cells.find((c) => c.day === "2026-02-28")!.level).toBe(1);
    expect(cells.find((c) => c.day === "2026-02-27")!.level).toBe(0);
    expect(new Date(`${grid[0]![0]!.day}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("never gives a level to a day without running", () => {
    expect(levelOf(0, 1000)).toBe(0);
    expect(levelOf(1, 1000)).toBe(1);
  });
});
