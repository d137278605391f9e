import { lazy, Suspense } from "react";
import { Link } from "react-router-dom";
import { EmptyState, QueryView, Skeleton } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { addDays, formatDate, todayIn } from "@/lib/dates";
import { formatDuration, formatPace, type Units } from "@/lib/units";
import { useFitness, useLoad, usePlan, usePlans, useZones, type Fitness, type Load } from "../api";
import { projectFitness } from "../projection";
import { ZonesTable } from "../components/ZonesTable";

const LoadChart = lazy(() => import("../components/LoadChart").then((m) => ({ default: m.LoadChart })));
const VdotTrend = lazy(() => import("../components/VdotTrend").then((m) => ({ default: m.VdotTrend })));

const PACE_NAMES = { easy: "Easy", marathon: "Marathon", threshold: "Threshold", interval: "Interval", repetition: "Repetition" } as const;

function FitnessSection({ fitness, units }: { fitness: Fitness; units: Units }) {
  if (fitness.vdot == null) {
    return <EmptyState title="No fitness estimate yet">A hard run or a race of 1.5 km or more gives your VDOT.</EmptyState>;
  }
  return (
    <>
      <p className="big-figure">
        VDOT <strong>{fitness.vdot.toFixed(1)}</strong>
        {fitness.driver && (
          <span className="muted">
            {" "}
            from <Link to={`/runs/${fitness.driver.run_id}`}>a {(fitness.driver.distance_m / 1000).toFixed(1)} km effort</Link>{" "}
            {fitness.driver.age_days} days ago
          </span>
        )}
      </p>
      <Suspense fallback={<Skeleton lines={2} />}>
        <VdotTrend history={fitness.history} />
      </Suspense>
      <div className="two-columns">
        <table>
          <caption>Race predictions</caption>
          <tbody>
            {fitness.predictions.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td>{formatDuration(p.time_s)}</td>
                <td className="muted">{formatPace(p.pace_s_per_km, units)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {fitness.training_paces && (
          <table>
            <caption>Training paces</caption>
            <tbody>
              {(Object.keys(PACE_NAMES) as (keyof typeof PACE_NAMES)[]).map((key) => (
                <tr key={key}>
                  <th scope="row">{PACE_NAMES[key]}</th>
                  <td>
                    {formatPace(fitness.training_paces![key].min_s_per_km, units)} – {formatPace(fitness.training_paces![key].max_s_per_km, units)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

function Plans() {
  const plans = usePlans();
  const { timezone } = usePrefs();
  return (
    <QueryView query={plans}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState title="No plan yet">
            <p>
              Pick a goal race in <Link to="/races">Races</Link> and Runnerly builds a plan toward it.
            </p>
          </EmptyState>
        ) : (
          <ul className="plain-list">
            {data.items.map((plan) => (
              <li key={plan.id}>
                <Link to={`/plans/${plan.id}`}>{plan.name}</Link> <span className="muted">race day {formatDate(plan.race_date, timezone)}</span>
              </li>
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}

/** The load chart, with fitness carried forward over the newest plan's planned runs. */
function LoadSection({ load, today }: { load: Load; today: string }) {
  const plans = usePlans();
  const newest = plans.data?.items[0];
  const plan = usePlan(newest?.id ?? 0, Boolean(newest));
  const last = load.days.at(-1);
  const projection = last && plan.data ? projectFitness(today, last.ctl, last.atl, plan.data.runs) : [];
  return (
    <Suspense fallback={<Skeleton lines={4} />}>
      <LoadChart load={load} projection={projection} />
    </Suspense>
  );
}

export function TrainingPage() {
  const { units, timezone } = usePrefs();
  const from = addDays(todayIn(timezone), -120);
  const fitness = useFitness();
  const load = useLoad(from);
  const zones = useZones(from);
  return (
    <>
      <h1>Training</h1>
      <section aria-labelledby="fitness-title">
        <h2 id="fitness-title">Fitness</h2>
        <QueryView query={fitness}>{(data) => <FitnessSection fitness={data} units={units} />}</QueryView>
      </section>
      <section aria-labelledby="plans-title">
        <h2 id="plans-title">Plans</h2>
        <Plans />
      </section>
      <section aria-labelledby="load-title">
        <h2 id="load-title">Training load</h2>
        <QueryView query={load}>
          {(data) => <LoadSection load={data} today={todayIn(timezone)} />}
        </QueryView>
      </section>
      <section aria-labelledby="zones-title">
        <h2 id="zones-title">Heart-rate zones</h2>
        <QueryView query={zones}>{(data) => <ZonesTable zones={data} />}</QueryView>
      </section>
    </>
  );
}
