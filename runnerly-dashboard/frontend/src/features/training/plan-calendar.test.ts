import { planCalendar } from "./plan-calendar";

const run = (id: number, date: string, runId: number | null = null) => ({
  id,
  date,
  type: "easy",
  distance_m: 10000,
  duration_s: 3600,
  description: "Easy 10 km",
  run_id: runId,
});

describe("plan calendar", () => {
  it("lays planned runs in Monday-first weeks, coloured by how they were done", () => {
    const weeks = planCalendar(
      [run(1, "2026-03-03", 42), run(2, "2026-03-05"), run(3, "2026-03-12")],
      new Map([[42, { distance_m: 10000, moving_time_s: 3500 }]]),
      "2026-03-10",
    );
    expect(weeks).toHaveLength(2);
    expect(weeks[0]![0]!.day).toBe("2026-03-02");
    expect(weeks[0]![1]!.planned[0]!.compliance).toBe("green");
    expect(weeks[0]![3]!.planned[0]!.compliance).toBe("red");
    expect(weeks[1]![3]!.planned[0]!.compliance).toBe("pending");
  });

  it("is empty for a plan without runs", () => {
    expect(planCalendar([], new Map(), "2026-03-10")).toEqual([]);
  });
});
