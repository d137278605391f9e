// Route maps without a tile server: decode the encoded polyline and project it onto an SVG
// box (equirectangular, scaled by the cosine of the latitude, which is exact enough at the
// scale of a run).
import polyline from "@mapbox/polyline";

export type LatLng = [number, number];

export function decode(encoded: string | null | undefined): LatLng[] {
  if (!encoded) return [];
  try {
    return polyline.decode(encoded) as LatLng[];
  } catch {
    return [];
  }
}

export interface Projection {
  toXY: (point: LatLng) => [number, number];
}

export function project(routes: LatLng[][], width: number, height: number, padding = 8): Projection {
  const points = routes.flat();
  const lats = points.map((p) => p[0]);
  const lngs = points.map((p) => p[1]);
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  const [minLng, maxLng] = [Math.min(...lngs), Math.max(...lngs)];
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * cos, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    toXY: ([lat, lng]) => [offsetX + (lng - minLng) * cos * scale, offsetY + (maxLat - lat) * scale],
  };
}

/** An SVG path ("M x y L x y …") for a route inside a width × height box. */
export function routePath(points: LatLng[], projection: Projection): string {
  return points
    .map((point, index) => {
      const [x, y] = projection.toXY(point);
      return `${index === 0 ? "M" : "L"}${x.toFixed(1)} ${y.toFixed(1)}`;
    })
    .join(" ");
}
