// Runs listed by month, each month with its totals.
import { monthKey } from "@/lib/dates";

export interface RunLike {
  start_time_local: string;
  distance_m: number;
  moving_time_s: number;
}

export interface MonthGroup<T extends RunLike> {
  month: string;
  runs: T[];
  distance_m: number;
  moving_time_s: number;
}

export function byMonth<T extends RunLike>(runs: T[]): MonthGroup<T>[] {
  const groups = new Map<string, MonthGroup<T>>();
  for (const run of runs) {
    const month = monthKey(run.start_time_local);
    const group = groups.get(month) ?? { month, runs: [], distance_m: 0, moving_time_s: 0 };
    group.runs.push(run);
    group.distance_m += run.distance_m;
    group.moving_time_s += run.moving_time_s;
    groups.set(month, group);
  }
  return [...groups.values()];
}
