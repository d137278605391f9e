import { backfillPercent, backfillWords } from "./backfill";

const clock = (iso: string) => iso.slice(11, 16);

describe("backfill progress", () => {
  it("says what it is doing and how far it is", () => {
    const running = { state: "running" as const, done: 120, total: 480, total_is_estimate: true };
    expect(backfillWords(running, clock)).toBe("Fetching your Strava history: 120 of about 480 runs.");
    expect(backfillPercent(running)).toBe(25);
  });

  it("explains a pause for Strava's window with the time it resumes", () => {
    const waiting = { state: "waiting" as const, done: 200, total: 720, total_is_estimate: false, resumes_at: "2026-03-01T10:45:00Z" };
    expect(backfillWords(waiting, clock)).toBe("Waiting for Strava's rate-limit window: 200 of 720 runs; resumes at 10:45.");
  });

  it("is full when done and unknown before a total is known", () => {
    expect(backfillPercent({ state: "done", done: 720, total: 720, total_is_estimate: false })).toBe(100);
    expect(backfillPercent({ state: "pending", done: 0, total: null, total_is_estimate: true })).toBeNull();
  });
});
