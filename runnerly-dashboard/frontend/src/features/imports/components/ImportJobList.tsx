import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { QueryView } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { formatDate } from "@/lib/dates";
import { formatDistance, formatDuration } from "@/lib/units";
import { JOBS_PER_PAGE, useImportJobs, useRefreshRuns } from "../api";
import { isFinished, jobWords, STATUS_LABELS, type ImportJob } from "../jobs";

function JobRow({ job }: { job: ImportJob }) {
  const { units, timezone } = usePrefs();
  const summary = job.summary;
  return (
    <li className={`import-job status-${job.status}`}>
      <span className="import-file">{job.filename}</span>
      <span className={`badge status-${job.status}`}>{STATUS_LABELS[job.status]}</span>
      <span className="import-words">{jobWords(job)}</span>
      {summary?.distance_m != null && summary.start_time && (
        <span className="muted">
          {formatDate(summary.start_time, timezone)} · {formatDistance(summary.distance_m, units)}
          {summary.moving_time_s != null && ` · ${formatDuration(summary.moving_time_s)}`}
        </span>
      )}
      {job.run_id != null && <Link to={`/runs/${job.run_id}`}>Open the run</Link>}
    </li>
  );
}

/** As jobs finish, the pages that show runs are asked again (they keep answers for 30 s). */
function useRefreshWhenFinished(jobs: ImportJob[] | undefined) {
  const refresh = useRefreshRuns();
  const finished = jobs?.filter(isFinished).length ?? 0;
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (seen.current !== null && finished > seen.current) void refresh();
    seen.current = finished;
  }, [finished, refresh]);
}

export function ImportJobList() {
  const [page, setPage] = useState(1);
  const jobs = useImportJobs(page);
  useRefreshWhenFinished(jobs.data?.items);
  return (
    <section className="card" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Recent imports</h2>
      <QueryView query={jobs}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">Nothing imported yet.</p>
          ) : (
            <>
              <ul className="import-list" aria-live="polite">
                {data.items.map((job) => (
                  <JobRow key={job.id} job={job} />
                ))}
              </ul>
              {data.total > JOBS_PER_PAGE && (
                <nav className="pager" aria-label="Pages of imports">
                  <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    Newer
                  </button>
                  <span>
                    Page {page} of {Math.ceil(data.total / JOBS_PER_PAGE)} ({data.total} files)
                  </span>
                  <button type="button" disabled={page * JOBS_PER_PAGE >= data.total} onClick={() => setPage(page + 1)}>
                    Older
                  </button>
                </nav>
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
