import { decode, project, routePath } from "@/lib/geo";
import { homeRoutes } from "@/lib/heatmap";
import type { Schemas } from "@/lib/api";
import { EmptyState } from "@/components/States";

const WIDTH = 640;
const HEIGHT = 420;

/** Every route drawn faintly in one SVG: where runs overlap, the lines add up to heat. */
export function RouteHeatMap({ routes }: { routes: Schemas["Routes"]["routes"] }) {
  const drawn = homeRoutes(routes.map((r) => decode(r.polyline)));
  if (drawn.length === 0) return <EmptyState title="No routes yet">Runs recorded with GPS draw your heat map here.</EmptyState>;
  const projection = project(drawn, WIDTH, HEIGHT);
  return (
    <svg className="route-map heat-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Heat map of ${drawn.length} routes`}>
      {drawn.map((points, index) => (
        <path key={index} d={routePath(points, projection)} className="heat-line" />
      ))}
    </svg>
  );
}
