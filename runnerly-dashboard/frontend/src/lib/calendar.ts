// A year as a heat map: one cell per day, columns are ISO weeks (Monday first).
import { addDays, weekStart } from "./dates";

export interface DayCell {
  day: string;
  metres: number;
  level: 0 | 1 | 2 | 3 | 4;
}

export function levelOf(metres: number, max: number): DayCell["level"] {
  if (metres <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((metres / max) * 4))) as DayCell["level"];
}

/** Weeks (each 7 days, Monday first) covering the 365 days that end on `lastDay`. */
export function yearGrid(distanceByDay: Map<string, number>, lastDay: string): DayCell[][] {
  const first = weekStart(addDays(lastDay, -364));
  const max = Math.max(0, ...distanceByDay.values());
  const weeks: DayCell[][] = [];
  for (let monday = first; monday <= lastDay; monday = addDays(monday, 7)) {
    const week: DayCell[] = [];
    for (let i = 0; i < 7; i += 1) {
      const day = addDays(monday, i);
      const metres = day <= lastDay ? (distanceByDay.get(day) ?? 0) : 0;
      week.push({ day, metres, level: levelOf(metres, max) });
    }
    weeks.push(week);
  }
  return weeks;
}

/** Sums distances per local day from runs' local start times. */
export function distanceByDay(runs: { start_time_local: string; distance_m: number }[]): Map<string, number> {
  const days = new Map<string, number>();
  for (const run of runs) {
    const day = run.start_time_local.slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + run.distance_m);
  }
  return days;
}
