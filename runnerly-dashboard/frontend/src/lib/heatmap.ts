// The route heat map's choice of area: a runner who ran abroad once would otherwise shrink
// their home routes to a dot. The routes kept start near the middle start of all.
import type { LatLng } from "./geo";

const EARTH_KM = 6371;

export function distanceKm([lat1, lng1]: LatLng, [lat2, lng2]: LatLng): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The routes (of at least two points) that start within `radiusKm` of the median start. */
export function homeRoutes(routes: LatLng[][], radiusKm = 40): LatLng[][] {
  const drawn = routes.filter((route) => route.length >= 2);
  if (drawn.length === 0) return [];
  const centre: LatLng = [median(drawn.map((r) => r[0]![0])), median(drawn.map((r) => r[0]![1]))];
  return drawn.filter((route) => distanceKm(route[0]!, centre) <= radiusKm);
}
