import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Schemas } from "@/lib/api";
import { distanceLabel, formatDuration, type Units } from "@/lib/units";
import { curvePoints } from "../curve";

/** The pace–duration curve; its own module so Recharts loads after the page (see BestEfforts). */
export function BestEffortsChart({ curves, units }: { curves: Schemas["BestEfforts"]; units: Units }) {
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
