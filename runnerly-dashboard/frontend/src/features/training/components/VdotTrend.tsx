import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Fitness } from "../api";

export function VdotTrend({ history }: { history: Fitness["history"] }) {
  const data = history.filter((h) => h.vdot != null).map((h) => ({ date: h.date, vdot: Number(h.vdot!.toFixed(1)) }));
  if (data.length < 2) return null;
  return (
    <figure className="chart" aria-label="VDOT over time">
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(0, 7)} minTickGap={24} />
          <YAxis domain={["dataMin - 1", "dataMax + 1"]} />
          <Tooltip />
          <Line type="monotone" dataKey="vdot" name="VDOT" stroke="var(--accent)" dot={false} strokeWidth={2} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
