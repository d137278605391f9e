// Projected fitness: carries today's CTL (fitness) and ATL (fatigue) forward
// over the plan's planned runs, with the Banister model's 42- and 7-day time constants.
// A planned run's load is Banister's TRIMP at the heart-rate reserve its type is run at.
import { addDays } from "@/lib/dates";

const CHRONIC_DAYS = 42;
const ACUTE_DAYS = 7;

/** Typical share of heart-rate reserve for each kind of planned run. */
const RESERVE_BY_TYPE: Record<string, number> = {
  recovery: 0.55,
  easy: 0.62,
  long: 0.66,
  strides: 0.62,
  cross: 0.55,
  progression: 0.72,
  fartlek: 0.75,
  marathon_pace: 0.78,
  tempo: 0.85,
  threshold: 0.86,
  intervals: 0.92,
  repetition: 0.9,
  race: 0.9,
};

/** Banister's TRIMP (men's weighting, as the training service uses by default). */
export function plannedTrimp(type: string, durationSeconds: number): number {
  const reserve = RESERVE_BY_TYPE[type];
  if (!reserve || durationSeconds <= 0) return 0;
  return (durationSeconds / 60) * reserve * 0.64 * Math.exp(1.92 * reserve);
}

export interface PlannedLoad {
  date: string;
  type: string;
  duration_s?: number | null;
}

export interface ProjectedDay {
  date: string;
  ctl: number;
  atl: number;
  tsb: number;
}

/** Day by day from the day after `today` to the last planned run. */
export function projectFitness(today: string, ctl: number, atl: number, planned: PlannedLoad[]): ProjectedDay[] {
  const loadByDay = new Map<string, number>();
  for (const run of planned) {
    if (run.date > today) loadByDay.set(run.date, (loadByDay.get(run.date) ?? 0) + plannedTrimp(run.type, run.duration_s ?? 0));
  }
  const last = [...loadByDay.keys()].sort().at(-1);
  const days: ProjectedDay[] = [];
  for (let day = addDays(today, 1); last && day <= last; day = addDays(day, 1)) {
    const tsb = ctl - atl; // yesterday's fitness minus yesterday's fatigue
    const load = loadByDay.get(day) ?? 0;
    ctl += (load - ctl) * (1 - Math.exp(-1 / CHRONIC_DAYS));
    atl += (load - atl) * (1 - Math.exp(-1 / ACUTE_DAYS));
    days.push({ date: day, ctl, atl, tsb });
  }
  return days;
}
