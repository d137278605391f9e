// The Strava backfill's progress in words: a bar that never explains a pause looks frozen.
export interface Backfill {
  state: "pending" | "running" | "waiting" | "done";
  done: number;
  total?: number | null;
  total_is_estimate: boolean;
  resumes_at?: string | null;
}

export function backfillPercent(backfill: Backfill): number | null {
  if (backfill.state === "done") return 100;
  if (!backfill.total) return null;
  return Math.min(99, Math.floor((backfill.done / backfill.total) * 100));
}

export function backfillWords(backfill: Backfill, clock: (iso: string) => string): string {
  const count = backfill.total ? `${backfill.done} of ${backfill.total_is_estimate ? "about " : ""}${backfill.total} runs` : `${backfill.done} runs so far`;
  switch (backfill.state) {
    case "pending":
      return "Starting to fetch your Strava history…";
    case "running":
      return `Fetching your Strava history: ${count}.`;
    case "waiting":
      return backfill.resumes_at
        ? `Waiting for Strava's rate-limit window: ${count}; resumes at ${clock(backfill.resumes_at)}.`
        : `Waiting for Strava's rate-limit window: ${count}; it resumes by itself.`;
    case "done":
      return `Your Strava history is in: ${backfill.done} runs.`;
  }
}
