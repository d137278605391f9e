// Import jobs in words: what the runner uploaded, where each file is, and why one failed.
import type { Schemas } from "@/lib/api";

export type ImportJob = Schemas["ImportJob"];
export type ImportStatus = Schemas["ImportStatus"];

/** What the import service takes: GPX, TCX and FIT, each also gzipped, and ZIP exports. */
export const ACCEPTED_EXTENSIONS = [".gpx", ".tcx", ".fit", ".gz", ".zip"] as const;
export const ACCEPT = ACCEPTED_EXTENSIONS.join(",");

export function isAccepted(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** The files that can go, and the names of those that cannot (said, not sent). */
export function sortFiles(files: readonly File[]): { accepted: File[]; skipped: string[] } {
  return {
    accepted: files.filter((file) => isAccepted(file.name)),
    skipped: files.filter((file) => !isAccepted(file.name)).map((file) => file.name),
  };
}

export function isFinished(job: ImportJob): boolean {
  return job.status === "done" || job.status === "failed";
}

export const STATUS_LABELS: Record<ImportStatus, string> = {
  queued: "Queued",
  parsing: "Reading",
  done: "Done",
  failed: "Failed",
};

/** One sentence on where the job stands; a failed job's own reason, as the service gave it. */
export function jobWords(job: ImportJob): string {
  switch (job.status) {
    case "queued":
      return "Waiting to be read…";
    case "parsing":
      return "Reading the file…";
    case "failed":
      return job.error || "This file could not be imported.";
    case "done":
      switch (job.outcome) {
        case "created":
          return "A new run.";
        case "updated":
          return "The run was brought up to date.";
        case "unchanged":
          return "Imported before: nothing new.";
        case "matched":
          return "Already in Runnerly (from Strava or another file): nothing new.";
        default:
          return "Imported.";
      }
  }
}
