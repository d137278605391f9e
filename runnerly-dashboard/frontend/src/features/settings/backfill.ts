// The Strava backfill's progress in words: a bar that never explains a pause looks frozen.
import type { Schemas } from "@/lib/api";
import { addDays, formatClock, formatDate, todayIn } from "@/lib/dates";

export type Backfill = Schemas["StravaLink"]["backfill"];

export function backfillPercent(backfill: Backfill): number | null {
  if (backfill.state === "done") return 100;
  if (!backfill.total) return null;
  return Math.min(99, Math.floor((backfill.done / backfill.total) * 100));
}

/** Whether the bar is paused: a rate window named by the service, or a parked backfill. */
export function isPaused(backfill: Backfill): boolean {
  return backfill.state === "waiting" || (backfill.state !== "done" && Boolean(backfill.waiting));
}

/** "at 10:45", "tomorrow at 01:00" or "on 4 Dec 2026 at 01:00", in the runner's zone. */
export function resumesWhen(iso: string, timeZone: string, now: Date = new Date()): string {
  const day = todayIn(timeZone, new Date(iso));
  const today = todayIn(timeZone, now);
  const clock = formatClock(iso, timeZone);
  if (day <= today) return `at ${clock}`;
  if (day === addDays(today, 1)) return `tomorrow at ${clock}`;
  return `on ${formatDate(iso, timeZone)} at ${clock}`;
}

export function backfillWords(backfill: Backfill, timeZone: string, now: Date = new Date()): string {
  const count = backfill.total
    ? `${backfill.done} of ${backfill.total_is_estimate ? "about " : ""}${backfill.total} runs`
    : `${backfill.done} runs so far`;
  if (backfill.state === "done") return `Your Strava history is in: ${backfill.done} runs.`;
  const resumes = backfill.resumes_at ? `resumes ${resumesWhen(backfill.resumes_at, timeZone, now)}` : "resumes by itself";
  switch (backfill.waiting) {
    case "rate_limit_15min":
      return `Waiting for Strava's 15-minute window, ${resumes} (${count}).`;
    case "rate_limit_daily":
      return `Waiting for Strava's daily limit, ${resumes} (${count}).`;
  }
  switch (backfill.state) {
    case "pending":
      return "Starting to fetch your Strava history…";
    case "running":
      return `Fetching your Strava history: ${count}.`;
    case "waiting":
      return `Strava is not answering just now; trying again by itself (${count}).`;
  }
}
