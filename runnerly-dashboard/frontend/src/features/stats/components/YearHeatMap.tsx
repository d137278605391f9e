import { distanceByDay, yearGrid } from "@/lib/calendar";
import { formatDistance, type Units } from "@/lib/units";

const CELL = 11;

export function YearHeatMap({ runs, today, units }: {
  runs: { start_time_local: string; distance_m: number }[];
  today: string;
  units: Units;
}) {
  const weeks = yearGrid(distanceByDay(runs), today);
  const total = runs.reduce((sum, run) => sum + run.distance_m, 0);
  return (
    <figure className="heatmap">
      <svg viewBox={`0 0 ${weeks.length * CELL} ${7 * CELL}`} role="img" aria-label={`Running days of the last year: ${runs.length} runs, ${formatDistance(total, units, 0)}`}>
        {weeks.map((week, x) =>
          week.map((cell, y) => (
            <rect key={cell.day} x={x * CELL} y={y * CELL} width={CELL - 2} height={CELL - 2} rx={2} className={`level-${cell.level}`}>
              <title>{`${cell.day}: ${cell.metres ? formatDistance(cell.metres, units, 1) : "rest"}`}</title>
            </rect>
          )),
        )}
      </svg>
      <figcaption className="muted">
        The last 12 months: {runs.length} runs, {formatDistance(total, units, 0)}. Darker days are longer.
      </figcaption>
    </figure>
  );
}
