import polyline from "@mapbox/polyline";
import { decode, project, routePath } from "./geo";

describe("geo", () => {
  it("decodes an encoded polyline and survives a corrupt one", () => {
    const encoded = polyline.encode([
      [48.85, 2.35],
      [48.86, 2.36],
    ]);
    expect(decode(encoded)).toEqual([
      [48.85, 2.35],
      [48.86, 2.36],
    ]);
    expect(decode(null)).toEqual([]);
  });

  it("draws north up and keeps the route inside the box", () => {
    const route: [number, number][] = [
      [48.85, 2.35],
      [48.87, 2.35],
    ];
    const projection = project([route], 200, 100, 10);
    const [south, north] = route.map((p) => projection.toXY(p));
    expect(north![1]).toBeLessThan(south![1]);
    for (const [x, y] of [south!, north!]) {
      expect(x).toBeGreaterThanOrEqual(10);
      expect(x).toBeLessThanOrEqual(190);
      expect(y).toBeGreaterThanOrEqual(10);
      expect(y).toBeLessThanOrEqual(90);
    }
    expect(routePath(route, projection)).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
  });
});
