import { formatDistance, formatDuration, formatPace, paceOf, type Units } from "@/lib/units";

interface Segment {
  distance_m: number;
  moving_time_s: number;
  elevation_difference_m?: number | null;
  average_heartrate?: number | null;
}

export function SplitsTable({ title, splits, units }: { title: string; splits: Segment[]; units: Units }) {
  if (splits.length === 0) return null;
  return (
    <section>
      <h2>{title}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Distance</th>
              <th scope="col">Time</th>
              <th scope="col">Pace</th>
              <th scope="col">Elevation</th>
              <th scope="col">Heart rate</th>
            </tr>
          </thead>
          <tbody>
            {splits.map((split, index) => (
              <tr key={index}>
                <td>{index + 1}</td>
                <td>{formatDistance(split.distance_m, units)}</td>
                <td>{formatDuration(split.moving_time_s)}</td>
                <td>{formatPace(paceOf(split.distance_m, split.moving_time_s), units)}</td>
                <td>{split.elevation_difference_m == null ? "–" : `${split.elevation_difference_m > 0 ? "+" : ""}${Math.round(split.elevation_difference_m)} m`}</td>
                <td>{split.average_heartrate ? `${Math.round(split.average_heartrate)} bpm` : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
