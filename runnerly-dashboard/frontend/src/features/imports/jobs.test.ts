import { describe, expect, it } from "vitest";
import { isAccepted, isFinished, jobWords, sortFiles } from "./jobs";
import { importJob as job } from "./testing";

describe("accepted files", () => {
  it("takes activity files and archives whatever the case, and nothing else", () => {
    expect(["a.gpx", "b.TCX", "c.fit", "d.fit.gz", "export.zip"].every(isAccepted)).toBe(true);
    expect(["notes.txt", "photo.jpg", "gpx"].some(isAccepted)).toBe(false);
  });

  it("names the files it leaves out", () => {
    const files = [new File(["x"], "run.gpx"), new File(["x"], "notes.txt")];
    const sorted = sortFiles(files);
    expect(sorted.accepted.map((f) => f.name)).toEqual(["run.gpx"]);
    expect(sorted.skipped).toEqual(["notes.txt"]);
  });
});

describe("job words", () => {
  it("says a job is finished only when done or failed", () => {
    expect([job({ status: "queued" }), job({ status: "parsing" })].some(isFinished)).toBe(false);
    expect([job({ status: "done" }), job({ status: "failed" })].every(isFinished)).toBe(true);
  });

  it("gives a failed job's own reason", () => {
    expect(jobWords(job({ status: "failed", error: "run.gpx has no track points." }))).toBe("run.gpx has no track points.");
  });

  it("tells a new run from a file imported before and an activity already there", () => {
    expect(jobWords(job({ status: "done", outcome: "created", run_id: 3 }))).toBe("A new run.");
    expect(jobWords(job({ status: "done", outcome: "unchanged", run_id: 3 }))).toMatch(/Imported before/);
    expect(jobWords(job({ status: "done", outcome: "matched", run_id: 3 }))).toMatch(/Already in Runnerly/);
  });
});
