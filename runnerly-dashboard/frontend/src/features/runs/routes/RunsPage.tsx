import { useState } from "react";
import { Link } from "react-router-dom";
import { EmptyState, QueryView } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { formatDate, monthLabel } from "@/lib/dates";
import { formatDistance, formatDuration, formatPace, toMetres } from "@/lib/units";
import { useRuns, type RunFilters } from "../api";
import { RunFiltersForm, type FilterValues } from "../components/RunFiltersForm";
import { byMonth } from "../grouping";

const PER_PAGE = 50;

function toFilters(values: FilterValues, units: "metric" | "imperial", page: number): RunFilters {
  const distance = (text: string) => (text ? toMetres(Number(text), units) : undefined);
  return {
    from: values.from || undefined,
    to: values.to || undefined,
    source: values.source || undefined,
    q: values.q || undefined,
    min_distance_m: distance(values.min),
    max_distance_m: distance(values.max),
    page,
    per_page: PER_PAGE,
  };
}

export function RunsPage() {
  const { units, timezone } = usePrefs();
  const [values, setValues] = useState<FilterValues>({ from: "", to: "", source: "", q: "", min: "", max: "" });
  const [page, setPage] = useState(1);
  const runs = useRuns(toFilters(values, units, page));
  const filtered = Object.values(values).some(Boolean);

  return (
    <>
      <div className="page-head">
        <h1>Runs</h1>
        <Link to="/imports">Import files</Link>
      </div>
      <RunFiltersForm values={values} units={units} onChange={(next) => (setValues(next), setPage(1))} />
      <QueryView query={runs} lines={8}>
        {(data) =>
          data.items.length === 0 ? (
            filtered ? (
              <EmptyState title="No run matches these filters" />
            ) : (
              <EmptyState title="No runs yet">
                <p>
                  Link Strava in <Link to="/settings">Settings</Link> and your history arrives here, upload the files of
                  your watch in <Link to="/imports">Import files</Link>, or log a run by hand.
                </p>
              </EmptyState>
            )
          ) : (
            <>
              {byMonth(data.items).map((group) => (
                <section key={group.month} className="month" aria-labelledby={`month-${group.month}`}>
                  <h2 id={`month-${group.month}`}>
                    {monthLabel(group.month)}{" "}
                    <span className="muted">
                      {group.runs.length} runs · {formatDistance(group.distance_m, units, 1)} ·{" "}
                      {formatDuration(group.moving_time_s)}
                    </span>
                  </h2>
                  <ul className="run-list">
                    {group.runs.map((run) => (
                      <li key={run.id}>
                        <Link to={`/runs/${run.id}`}>
                          <span className="run-name">{run.name || "Run"}</span>
                          <span className="muted">{formatDate(run.start_time, timezone)}</span>
                          <span>{formatDistance(run.distance_m, units)}</span>
                          <span>{formatDuration(run.moving_time_s)}</span>
                          <span>{formatPace(run.pace_s_per_km, units)}</span>
                          <span className={`badge source-${run.source}`}>{run.source}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
              <nav className="pager" aria-label="Pages">
                <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                  Newer
                </button>
                <span>
                  Page {page} of {Math.max(1, Math.ceil(data.total / PER_PAGE))} ({data.total} runs)
                </span>
                <button type="button" disabled={page * PER_PAGE >= data.total} onClick={() => setPage(page + 1)}>
                  Older
                </button>
              </nav>
            </>
          )
        }
      </QueryView>
    </>
  );
}
