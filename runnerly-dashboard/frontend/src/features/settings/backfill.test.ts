import { backfillPercent, backfillWords, isPaused, resumesWhen } from "./backfill";

const now = new Date("2026-03-01T10:31:00Z");

describe("backfill progress", () => {
  it("says what it is doing and how far it is", () => {
    const running = { state: "running" as const, done: 120, total: 480, total_is_estimate: true, pages: 1, activities_scanned: 200 };
    expect(backfillWords(running, "UTC", now)).toBe("Fetching your Strava history: 120 of about 480 runs.");
    expect(backfillPercent(running)).toBe(25);
    expect(isPaused(running)).toBe(false);
  });

  it("explains a wait for Strava's 15-minute window with the time it resumes in the runner's zone", () => {
    const waiting = {
      state: "running" as const,
      done: 200,
      total: 720,
      total_is_estimate: false,
      pages: 2,
      activities_scanned: 400,
      waiting: "rate_limit_15min" as const,
      resumes_at: "2026-03-01T10:45:00Z",
    };
    expect(backfillWords(waiting, "Europe/Paris", now)).toBe(
      "Waiting for Strava's 15-minute window, resumes at 11:45 (200 of 720 runs).",
    );
    expect(backfillWords(waiting, "UTC", now)).toContain("resumes at 10:45");
    expect(backfillPercent(waiting)).toBe(27); // the bar keeps its progress while paused
    expect(isPaused(waiting)).toBe(true);
  });

  it("says the daily limit resumes tomorrow when Strava's midnight is the runner's next day", () => {
    const parked = {
      state: "waiting" as const,
      done: 300,
      total: null,
      total_is_estimate: true,
      pages: 3,
      activities_scanned: 600,
      waiting: "rate_limit_daily" as const,
      resumes_at: "2026-03-02T00:00:00Z",
    };
    expect(backfillWords(parked, "Europe/Paris", now)).toBe(
      "Waiting for Strava's daily limit, resumes tomorrow at 01:00 (300 runs so far).",
    );
    // In New York Strava's midnight is the same evening.
    expect(backfillWords(parked, "America/New_York", now)).toBe(
      "Waiting for Strava's daily limit, resumes at 19:00 (300 runs so far).",
    );
  });

  it("names a later day when the resume is further off", () => {
    expect(resumesWhen("2026-03-04T00:00:00Z", "UTC", now)).toMatch(/^on .*2026 at 00:00$/);
  });

  it("does not blame the rate limit for a pause that is not one", () => {
    const parked = { state: "waiting" as const, done: 10, total: null, total_is_estimate: true, pages: 1, activities_scanned: 20 };
    expect(backfillWords(parked, "UTC", now)).toBe("Strava is not answering just now; trying again by itself (10 runs so far).");
    expect(isPaused(parked)).toBe(true);
  });

  it("is full when done and unknown before a total is known", () => {
    const done = { state: "done" as const, done: 720, total: 720, total_is_estimate: false, pages: 4, activities_scanned: 800 };
    expect(backfillPercent(done)).toBe(100);
    expect(backfillPercent({ ...done, state: "pending", total: null })).toBeNull();
    expect(backfillWords({ ...done, waiting: "rate_limit_15min" }, "UTC", now)).toBe("Your Strava history is in: 720 runs.");
  });
});
