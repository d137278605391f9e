import { describe, expect, it } from "vitest";
import type { LatLng } from "./geo";
import { distanceKm, homeRoutes } from "./heatmap";

const london = (dLat: number): LatLng[] => [
  [51.5 + dLat, -0.12],
  [51.51 + dLat, -0.11],
];
const newYork: LatLng[] = [
  [40.7, -74.0],
  [40.71, -74.01],
];

describe("route heat map area", () => {
  it("measures great-circle distances", () => {
    expect(distanceKm([51.5, -0.12], [40.7, -74.0])).toBeGreaterThan(5500);
    expect(distanceKm([51.5, -0.12], [51.5, -0.12])).toBe(0);
  });

  it("keeps the routes around home and drops the far-away trip", () => {
    const kept = homeRoutes([london(0), london(0.01), newYork, london(0.02)]);
    expect(kept).toHaveLength(3);
    expect(kept).not.toContain(newYork);
  });

  it("ignores routes too short to draw", () => {
    expect(homeRoutes([[[51.5, -0.12]]])).toEqual([]);
  });
});
