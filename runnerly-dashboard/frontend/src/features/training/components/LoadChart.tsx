import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Load } from "../api";
import type { ProjectedDay } from "../projection";

/** Acute and chronic load with form, day by day, and fitness projected over the plan. */
export function LoadChart({ load, projection = [] }: { load: Load; projection?: ProjectedDay[] }) {
  const past = load.days.map((day) => ({
    date: day.date,
    acute: Math.round(day.acute),
    chronic: Math.round(day.chronic),
    form: Math.round(day.form),
  }));
  const future = projection.map((day) => ({ date: day.date, projected: Math.round(day.chronic) }));
  const data = [...past, ...future];
  return (
    <figure className="chart" aria-label="Training load: acute, chronic and form per day">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} minTickGap={24} />
          <YAxis />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="chronic" name="Fitness (chronic)" stroke="var(--accent)" dot={false} strokeWidth={2} />
          <Line type="monotone" dataKey="acute" name="Fatigue (acute)" stroke="var(--accent-2)" dot={false} />
          <Line type="monotone" dataKey="form" name="Form" stroke="var(--muted)" dot={false} strokeDasharray="4 2" />
          {future.length > 0 && (
            <Line type="monotone" dataKey="projected" name="Fitness, projected over the plan" stroke="var(--accent)" dot={false} strokeDasharray="6 4" />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
