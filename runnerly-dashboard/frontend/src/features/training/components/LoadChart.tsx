import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Load } from "../api";
import type { ProjectedDay } from "../projection";

/** Fitness (CTL), fatigue (ATL) and form (TSB) day by day, and fitness projected over the plan. */
export function LoadChart({ load, projection = [] }: { load: Load; projection?: ProjectedDay[] }) {
  const past = load.days.map((day) => ({
    date: day.date,
    atl: Math.round(day.atl),
    ctl: Math.round(day.ctl),
    tsb: Math.round(day.tsb),
  }));
  const future = projection.map((day) => ({ date: day.date, projected: Math.round(day.ctl) }));
  const data = [...past, ...future];
  return (
    <figure className="chart" aria-label="Training load: fitness (CTL), fatigue (ATL) and form (TSB) per day">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} minTickGap={24} />
          <YAxis />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="ctl" name="Fitness (CTL)" stroke="var(--accent)" dot={false} strokeWidth={2} />
          <Line type="monotone" dataKey="atl" name="Fatigue (ATL)" stroke="var(--accent-2)" dot={false} />
          <Line type="monotone" dataKey="tsb" name="Form (TSB)" stroke="var(--muted)" dot={false} strokeDasharray="4 2" />
          {future.length > 0 && (
            <Line type="monotone" dataKey="projected" name="Fitness, projected over the plan" stroke="var(--accent)" dot={false} strokeDasharray="6 4" />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
