// Shaping the pace–duration curve for the chart and its table, in the runner's units.
import { unitLength, type Units } from "@/lib/units";

export interface Effort {
  distance_m: number;
  time_s: number;
  pace_s_per_km: number;
  run_id: number;
  date: string;
}

/** Points of one curve: the effort's duration against its pace (seconds per km or mile). */
export function curvePoints(efforts: Effort[], units: Units): { time_s: number; pace: number }[] {
  return [...efforts]
    .sort((a, b) => a.time_s - b.time_s)
    .map((e) => ({ time_s: e.time_s, pace: Math.round((e.pace_s_per_km * unitLength(units)) / 1000) }));
}

export interface CurveRow {
  distance_m: number;
  allTime: Effort | null;
  season: Effort | null;
}

/** One row per distance run at all, with this season's effort beside the all-time best. */
export function curveRows(allTime: Effort[], season: Effort[]): CurveRow[] {
  const bySeason = new Map(season.map((e) => [e.distance_m, e]));
  return allTime.map((e) => ({ distance_m: e.distance_m, allTime: e, season: bySeason.get(e.distance_m) ?? null }));
}
