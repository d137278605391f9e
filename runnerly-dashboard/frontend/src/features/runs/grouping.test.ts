import { byMonth } from "./grouping";

describe("runs by month", () => {
  it("groups runs by local month in the order given, with totals", () => {
    const groups = byMonth([
      { start_time_local: "2026-03-05T07:00:00", distance_m: 10000, moving_time_s: 3000 },
      { start_time_local: "2026-03-01T07:00:00", distance_m: 5000, moving_time_s: 1500 },
      { start_time_local: "2026-02-28T23:30:00", distance_m: 8000, moving_time_s: 2400 },
    ]);
    expect(groups.map((g) => g.month)).toEqual(["2026-03", "2026-02"]);
    expect(groups[0]).toMatchObject({ distance_m: 15000, moving_time_s: 4500 });
    expect(groups[0]!.runs).toHaveLength(2);
  });
});
