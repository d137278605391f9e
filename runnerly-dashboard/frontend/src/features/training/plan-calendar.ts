// The plan as a calendar: one row per week, Monday first, each planned run with its colour.
import { complianceOf, type Compliance, type Done } from "@/lib/compliance";
import { addDays, weekStart } from "@/lib/dates";

export interface PlannedRunLike {
  id: number;
  date: string;
  type: string;
  distance_m?: number | null;
  duration_s?: number | null;
  description: string;
  run_id: number | null;
}

export interface CalendarDay<P> {
  day: string;
  planned: (P & { compliance: Compliance })[];
}

export function planCalendar<P extends PlannedRunLike>(runs: P[], done: Map<number, Done>, today: string): CalendarDay<P>[][] {
  if (runs.length === 0) return [];
  const days = [...runs].sort((a, b) => a.date.localeCompare(b.date));
  const first = weekStart(days[0]!.date);
  const last = days[days.length - 1]!.date;
  const byDay = new Map<string, (P & { compliance: Compliance })[]>();
  for (const run of days) {
    const fulfilled = run.run_id == null ? null : (done.get(run.run_id) ?? null);
    const entry = { ...run, compliance: complianceOf(run, fulfilled, today) };
    byDay.set(run.date, [...(byDay.get(run.date) ?? []), entry]);
  }
  const weeks: CalendarDay<P>[][] = [];
  for (let monday = first; monday <= last; monday = addDays(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((day) => ({ day, planned: byDay.get(day) ?? [] })));
  }
  return weeks;
}
