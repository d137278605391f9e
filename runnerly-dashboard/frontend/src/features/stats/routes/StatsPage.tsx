import { lazy, Suspense, type ComponentProps } from "react";
import { Link } from "react-router-dom";
import { EmptyState, QueryView, Skeleton } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { formatDate, todayIn } from "@/lib/dates";
import { formatDistance, formatDuration, formatPace, paceOf } from "@/lib/units";
import { useBestEfforts, useRecords, useRoutes, useTotals, useYearOfRuns } from "../api";
import { RouteHeatMap } from "../components/RouteHeatMap";
import { BestEfforts } from "../components/BestEfforts";
import { YearHeatMap } from "../components/YearHeatMap";
import { YearlyGoal } from "../components/YearlyGoal";

// Recharts loads after the page's totals, goal and tables (issue 10: a direct link to /stats
// fetches at most 200 KB of gzipped JavaScript); its skeleton holds the chart's place meanwhile.
const DistanceChart = lazy(() => import("../components/DistanceChart").then((m) => ({ default: m.DistanceChart })));

function LazyDistanceChart(props: ComponentProps<typeof DistanceChart>) {
  return (
    <Suspense fallback={<Skeleton lines={4} label={`Loading the chart of ${props.label.toLowerCase()}`} />}>
      <DistanceChart {...props} />
    </Suspense>
  );
}

const RECORD_NAMES: Record<string, string> = {
  "1k": "1 km",
  "5k": "5 km",
  "10k": "10 km",
  half_marathon: "Half marathon",
  marathon: "Marathon",
  longest_run: "Longest run",
};

function Records() {
  const records = useRecords();
  const { units, timezone } = usePrefs();
  return (
    <QueryView query={records}>
      {(data) =>
        data.records.length === 0 ? (
          <EmptyState title="No records yet">Records appear with your first runs.</EmptyState>
        ) : (
          <table>
            <caption className="visually-hidden">Personal records</caption>
            <thead>
              <tr>
                <th scope="col">Distance</th>
                <th scope="col">Record</th>
                <th scope="col">Pace</th>
                <th scope="col">Run</th>
              </tr>
            </thead>
            <tbody>
              {data.records.map((record) => (
                <tr key={record.name}>
                  <th scope="row">{RECORD_NAMES[record.name] ?? record.name}</th>
                  <td>{record.time_s ? formatDuration(record.time_s) : formatDistance(record.distance_m, units)}</td>
                  <td>{record.time_s ? formatPace(paceOf(record.distance_m, record.time_s), units) : "–"}</td>
                  <td>
                    <Link to={`/runs/${record.run_id}`}>{formatDate(record.date, timezone)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </QueryView>
  );
}

export function StatsPage() {
  const { units, timezone } = usePrefs();
  const today = todayIn(timezone);
  const weekly = useTotals("weekly");
  const monthly = useTotals("monthly");
  const year = useYearOfRuns(today);
  const efforts = useBestEfforts();
  const routes = useRoutes();
  return (
    <>
      <h1>Statistics</h1>
      <section aria-labelledby="goal-title">
        <h2 id="goal-title">Yearly goal</h2>
        <YearlyGoal units={units} today={today} />
      </section>
      <section aria-labelledby="weekly-title">
        <h2 id="weekly-title">Weekly distance</h2>
        <QueryView query={weekly}>{(data) => <LazyDistanceChart totals={data.totals} units={units} label="Distance per week" />}</QueryView>
      </section>
      <section aria-labelledby="monthly-title">
        <h2 id="monthly-title">Monthly distance</h2>
        <QueryView query={monthly}>{(data) => <LazyDistanceChart totals={data.totals} units={units} label="Distance per month" />}</QueryView>
      </section>
      <section aria-labelledby="year-title">
        <h2 id="year-title">Your year</h2>
        <QueryView query={year}>{(runs) => <YearHeatMap runs={runs} today={today} units={units} />}</QueryView>
      </section>
      <section aria-labelledby="efforts-title">
        <h2 id="efforts-title">Best efforts</h2>
        <QueryView query={efforts}>{(data) => <BestEfforts curves={data} units={units} timezone={timezone} />}</QueryView>
      </section>
      <section aria-labelledby="heat-title">
        <h2 id="heat-title">Where you run</h2>
        <QueryView query={routes}>{(data) => <RouteHeatMap routes={data.routes} />}</QueryView>
      </section>
      <section aria-labelledby="records-title">
        <h2 id="records-title">Personal records</h2>
        <Records />
      </section>
    </>
  );
}
