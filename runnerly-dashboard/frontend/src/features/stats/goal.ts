// A yearly distance goal: how far along, and the weekly distance that still reaches it.
const DAY_MS = 86_400_000;

export interface GoalProgress {
  share: number; // of the goal run so far, 0..1
  remainingM: number;
  daysLeft: number; // today included
  perWeekNeededM: number; // spread over the days left
  perWeekSoFarM: number;
  aheadM: number; // against an even spread over the year (negative: behind)
}

function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

/** `today` is the runner's local day (YYYY-MM-DD); `doneM` what they ran since 1 January. */
export function goalProgress(goalM: number, doneM: number, today: string): GoalProgress {
  const year = today.slice(0, 4);
  const first = dayNumber(`${year}-01-01`);
  const daysInYear = dayNumber(`${Number(year) + 1}-01-01`) - first;
  const daysGone = dayNumber(today) - first; // whole days before today
  const daysLeft = daysInYear - daysGone;
  const remainingM = Math.max(0, goalM - doneM);
  return {
    share: goalM > 0 ? Math.min(1, doneM / goalM) : 0,
    remainingM,
    daysLeft,
    perWeekNeededM: (remainingM / daysLeft) * 7,
    perWeekSoFarM: daysGone > 0 ? (doneM / daysGone) * 7 : 0,
    aheadM: doneM - (goalM * daysGone) / daysInYear,
  };
}

/** Distance run this calendar year, from monthly totals (months of other years ignored). */
export function yearToDate(totals: { start: string; distance_m: number }[], today: string): number {
  const year = today.slice(0, 4);
  return totals.filter((t) => t.start.startsWith(year) && t.start <= today).reduce((sum, t) => sum + t.distance_m, 0);
}
