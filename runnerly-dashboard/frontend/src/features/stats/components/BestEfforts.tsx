import { Link } from "react-router-dom";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/States";
import type { Schemas } from "@/lib/api";
import { formatDate } from "@/lib/dates";
import { distanceLabel, formatDistance, formatDuration, formatPace, type Units } from "@/lib/units";
import { curvePoints, curveRows } from "../curve";

function Chart({ curves, units }: { curves: Schemas["BestEfforts"]; units: Units }) {
  const unit = distanceLabel(units);
  return (
    <figure className="chart" aria-label="Best pace for each duration, this season against all time">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="time_s" type="number" scale="log" domain={["auto", "auto"]} tickFormatter={(s: number) => formatDuration(s)} />
          {/* Faster is higher: the pace axis runs from slow at the bottom to fast at the top. */}
          <YAxis dataKey="pace" reversed width={80} tickFormatter={(s: number) => `${formatDuration(s)}/${unit}`} domain={["auto", "auto"]} />
          <Tooltip labelFormatter={(s) => formatDuration(Number(s))} formatter={(v) => `${formatDuration(Number(v))} /${unit}`} />
          <Legend />
          <Line name="All time" data={curvePoints(curves.all_time, units)} dataKey="pace" stroke="var(--muted)" strokeDasharray="4 3" dot />
          <Line name="This season" data={curvePoints(curves.season, units)} dataKey="pace" stroke="var(--accent)" dot />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function BestEfforts({ curves, units, timezone }: { curves: Schemas["BestEfforts"]; units: Units; timezone: string }) {
  if (curves.all_time.length === 0) return <EmptyState title="No best efforts yet">Runs with splits draw your pace–duration curve.</EmptyState>;
  return (
    <>
      <Chart curves={curves} units={units} />
      <div className="table-scroll" role="region" aria-label="Best efforts" tabIndex={0}>
        <table>
          <caption className="visually-hidden">Best efforts, this season (since {formatDate(curves.season_start, timezone)}) and all time</caption>
          <thead>
            <tr>
              <th scope="col">Distance</th>
              <th scope="col">This season</th>
              <th scope="col">All time</th>
            </tr>
          </thead>
          <tbody>
            {curveRows(curves.all_time, curves.season).map((row) => (
              <tr key={row.distance_m}>
                <th scope="row">{formatDistance(row.distance_m, units, 1)}</th>
                <td>{row.season ? `${formatDuration(row.season.time_s)} · ${formatPace(row.season.pace_s_per_km, units)}` : "–"}</td>
                <td>
                  {row.allTime && (
                    <Link to={`/runs/${row.allTime.run_id}`}>
                      {formatDuration(row.allTime.time_s)} · {formatPace(row.allTime.pace_s_per_km, units)}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
