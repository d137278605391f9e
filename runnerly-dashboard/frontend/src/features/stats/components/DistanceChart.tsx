import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Schemas } from "@/lib/api";
import { distanceLabel, unitLength, type Units } from "@/lib/units";

/** Distance per week or month, in the runner's units. */
export function DistanceChart({ totals, units, label }: { totals: Schemas["PeriodTotal"][]; units: Units; label: string }) {
  const data = totals.map((t) => ({ start: t.start, distance: Number((t.distance_m / unitLength(units)).toFixed(1)), runs: t.runs }));
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="start" tickFormatter={(d: string) => d.slice(5)} minTickGap={16} />
          <YAxis unit={` ${distanceLabel(units)}`} width={72} />
          <Tooltip formatter={(value) => [`${String(value)} ${distanceLabel(units)}`, "Distance"]} />
          <Bar dataKey="distance" fill="var(--accent)" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
