import { describe, expect, it } from "vitest";
import { curvePoints, curveRows } from "./curve";

const effort = (distance_m: number, time_s: number, run_id = 1) => ({
  distance_m,
  time_s,
  pace_s_per_km: (time_s / distance_m) * 1000,
  run_id,
  date: "2026-06-01",
});

describe("pace–duration curve", () => {
  it("plots duration against pace, shortest first, in the runner's units", () => {
    const efforts = [effort(5000, 1350), effort(1000, 240)];
    expect(curvePoints(efforts, "metric")).toEqual([
      { time_s: 240, pace: 240 },
      { time_s: 1350, pace: 270 },
    ]);
    expect(curvePoints([effort(1000, 240)], "imperial")).toEqual([{ time_s: 240, pace: 386 }]);
  });

  it("sets this season's effort beside the all-time best, or none", () => {
    const rows = curveRows([effort(1000, 230, 1), effort(10000, 2700, 1)], [effort(1000, 240, 2)]);
    expect(rows.map((r) => [r.distance_m, r.season?.time_s ?? null])).toEqual([
      [1000, 240],
      [10000, null],
    ]);
  });
});
