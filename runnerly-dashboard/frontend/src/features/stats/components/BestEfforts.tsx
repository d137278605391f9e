import { lazy, Suspense } from "react";
import { Link } from "react-router-dom";
import { EmptyState, Skeleton } from "@/components/States";
import type { Schemas } from "@/lib/api";
import { formatDate } from "@/lib/dates";
import { formatDistance, formatDuration, formatPace, type Units } from "@/lib/units";
import { curveRows } from "../curve";

// Recharts is most of the statistics page's JavaScript: the chart loads after the table, which
// a direct link to /stats shows at once (issue 10: a first load within 200 KB gzipped).
const BestEffortsChart = lazy(() => import("./BestEffortsChart").then((m) => ({ default: m.BestEffortsChart })));

export function BestEfforts({ curves, units, timezone }: { curves: Schemas["BestEfforts"]; units: Units; timezone: string }) {
  if (curves.all_time.length === 0) return <EmptyState title="No best efforts yet">Runs with splits draw your pace–duration curve.</EmptyState>;
  return (
    <>
      <Suspense fallback={<Skeleton lines={4} label="Loading the best efforts chart" />}>
        <BestEffortsChart curves={curves} units={units} />
      </Suspense>
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
