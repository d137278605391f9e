import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { ErrorState, QueryView } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { api, type Schemas } from "@/lib/api";
import { COMPLIANCE_WORDS } from "@/lib/compliance";
import { formatDate, todayIn } from "@/lib/dates";
import { formatDistance, formatDuration } from "@/lib/units";
import { useDeletePlan, usePlan } from "../api";
import { planCalendar } from "../plan-calendar";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function useDoneRuns(plan: Schemas["PlanProgress"] | undefined) {
  const first = plan?.runs.map((r) => r.date).sort()[0];
  return useQuery({
    queryKey: ["plan-runs", plan?.id, first],
    enabled: Boolean(first),
    queryFn: async () => {
      const page = await api.get<Schemas["RunPage"]>("/api/runs", { from: first, to: plan!.race_date, per_page: 200 });
      return new Map(page.items.map((run) => [run.id, run]));
    },
  });
}

export function PlanPage() {
  const planId = Number(useParams().planId);
  const plan = usePlan(planId);
  const done = useDoneRuns(plan.data);
  const remove = useDeletePlan(planId);
  const navigate = useNavigate();
  const { units, timezone } = usePrefs();
  const today = todayIn(timezone);
  return (
    <QueryView query={plan} lines={10}>
      {(data) => (
        <>
          <p>
            <Link to="/training">← Training</Link>
          </p>
          <h1>{data.name}</h1>
          <p className="muted">
            Race day {formatDate(data.race_date, timezone)} · {formatDistance(data.race_distance_m, units, 1)}
            {data.goal_time_s ? ` · goal ${formatDuration(data.goal_time_s)}` : ""} · adherence{" "}
            {data.adherence.ratio == null ? "–" : `${Math.round(data.adherence.ratio * 100)} %`} ({data.adherence.done} of{" "}
            {data.adherence.due} done)
          </p>
          <ul className="legend" aria-label="Colours">
            {(["green", "yellow", "red", "pending"] as const).map((c) => (
              <li key={c}>
                <span className={`swatch compliance-${c}`} /> {COMPLIANCE_WORDS[c]}
              </li>
            ))}
          </ul>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Plan calendar">
            <table className="plan-calendar">
              <thead>
                <tr>
                  {WEEKDAYS.map((d) => (
                    <th scope="col" key={d}>
                      {d}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {planCalendar(data.runs, done.data ?? new Map(), today).map((week) => (
                  <tr key={week[0]!.day}>
                    {week.map((cell) => (
                      <td key={cell.day} className={cell.day === today ? "today" : undefined}>
                        <span className="day-number">{cell.day.slice(8)}</span>
                        {cell.planned.map((p) => (
                          <div key={p.id} className={`planned compliance-${p.compliance}`} title={`${p.description} (${COMPLIANCE_WORDS[p.compliance]})`}>
                            {p.run_id ? <Link to={`/runs/${p.run_id}`}>✓ {p.type.replace("_", " ")}</Link> : p.type.replace("_", " ")}
                            {p.distance_m ? <span className="muted"> {formatDistance(p.distance_m, units, 1)}</span> : null}
                            <span className="visually-hidden">, {COMPLIANCE_WORDS[p.compliance]}</span>
                          </div>
                        ))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="danger" onClick={() => window.confirm("Delete this plan?") && remove.mutate(undefined, { onSuccess: () => navigate("/training") })}>
            Delete this plan
          </button>
          {remove.error && <ErrorState error={remove.error} />}
        </>
      )}
    </QueryView>
  );
}
