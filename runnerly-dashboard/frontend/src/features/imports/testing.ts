import type { ImportJob } from "./jobs";

/** An import job as the dashboard lists it, queued unless `fields` say otherwise (tests only). */
export function importJob(fields: Partial<ImportJob> = {}): ImportJob {
  return {
    id: 7,
    filename: "sunday.gpx",
    status: "queued",
    error: null,
    outcome: null,
    run_id: null,
    summary: null,
    created_at: "2026-12-03T08:00:00Z",
    updated_at: "2026-12-03T08:00:00Z",
    ...fields,
  };
}
