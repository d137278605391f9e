import { Link, useNavigate, useParams } from "react-router-dom";
import { RouteMap } from "@/components/RouteMap";
import { ErrorState, QueryView } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { RunShoePicker } from "@/features/shoes/components/RunShoePicker";
import { formatDateTime } from "@/lib/dates";
import { formatDistance, formatDuration, formatElevation, formatPace } from "@/lib/units";
import { useDeleteRun, useRun, type RunDetail } from "../api";
import { RunEditForm } from "../components/RunEditForm";
import { SplitsTable } from "../components/SplitsTable";

function Figures({ run }: { run: RunDetail }) {
  const { units } = usePrefs();
  const figures: [string, string][] = [
    ["Distance", formatDistance(run.distance_m, units)],
    ["Moving time", formatDuration(run.moving_time_s)],
    ["Elapsed time", formatDuration(run.elapsed_time_s)],
    ["Pace", formatPace(run.pace_s_per_km, units)],
    ["Elevation gain", formatElevation(run.elevation_gain_m, units)],
    ["Heart rate", run.average_heartrate ? `${Math.round(run.average_heartrate)} bpm avg · ${Math.round(run.max_heartrate ?? 0)} max` : "–"],
    ["Cadence", run.average_cadence ? `${Math.round(run.average_cadence)} spm` : "–"],
  ];
  return (
    <dl className="figures">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function DeleteRun({ run }: { run: RunDetail }) {
  const remove = useDeleteRun(run.id);
  const navigate = useNavigate();
  if (run.source !== "manual") {
    return <p className="muted">This run follows {run.source === "strava" ? "Strava" : "its uploaded file"}: change it there.</p>;
  }
  return (
    <>
      <button
        type="button"
        className="danger"
        onClick={() => window.confirm("Delete this run?") && remove.mutate(undefined, { onSuccess: () => navigate("/") })}
      >
        Delete this run
      </button>
      {remove.error && <ErrorState error={remove.error} />}
    </>
  );
}

export function RunPage() {
  const runId = Number(useParams().runId);
  const run = useRun(runId);
  const { units, timezone } = usePrefs();
  return (
    <QueryView query={run} lines={10}>
      {(data) => (
        <article className="run-detail">
          <p>
            <Link to="/">← Runs</Link>
          </p>
          <h1>{data.name || "Run"}</h1>
          <p className="muted">
            {formatDateTime(data.start_time, timezone)} · {data.sport_type} · {data.source}
          </p>
          <div className="two-columns">
            <RouteMap encoded={data.polyline} label={`Route of ${data.name || "the run"}`} />
            <Figures run={data} />
          </div>
          {data.description && <p className="notes">{data.description}</p>}
          <SplitsTable title="Splits" splits={data.splits ?? []} units={units} />
          <SplitsTable title="Laps" splits={data.laps ?? []} units={units} />
          <RunShoePicker runId={data.id} />
          <RunEditForm run={data} />
          <DeleteRun run={data} />
        </article>
      )}
    </QueryView>
  );
}
