import { decode, project, routePath } from "@/lib/geo";

/** A run's route drawn from its polyline, without a tile server. */
export function RouteMap({ encoded, label, width = 480, height = 320 }: {
  encoded: string | null | undefined;
  label: string;
  width?: number;
  height?: number;
}) {
  const points = decode(encoded);
  if (points.length < 2) return <p className="muted">No route was recorded for this run.</p>;
  const projection = project([points], width, height);
  const [start, end] = [projection.toXY(points[0]!), projection.toXY(points[points.length - 1]!)];
  return (
    <svg className="route-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path d={routePath(points, projection)} className="route-line" />
      <circle cx={start[0]} cy={start[1]} r={5} className="route-start" />
      <circle cx={end[0]} cy={end[1]} r={5} className="route-end" />
    </svg>
  );
}
