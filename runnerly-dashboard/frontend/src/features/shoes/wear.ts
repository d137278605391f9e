// How worn a pair is, against the distance at which its runner wants to retire it.
export interface Wearable {
  distance_m: number;
  retire_at_m: number;
  retired: boolean;
}

export type WearState = "fresh" | "worn" | "retire" | "retired";

/** Share of the retirement distance worn, 0..1 (capped: the bar is full once due). */
export function wearShare(shoe: Wearable): number {
  if (shoe.retire_at_m <= 0) return 1;
  return Math.min(1, Math.max(0, shoe.distance_m / shoe.retire_at_m));
}

/** "worn" from 80 % on, a warning before the runner's distance is reached. */
export function wearState(shoe: Wearable): WearState {
  if (shoe.retired) return "retired";
  const share = shoe.distance_m / Math.max(shoe.retire_at_m, 1);
  if (share >= 1) return "retire";
  return share >= 0.8 ? "worn" : "fresh";
}

/** Metres left before the runner's retirement distance (never negative). */
export function remaining(shoe: Wearable): number {
  return Math.max(0, shoe.retire_at_m - shoe.distance_m);
}

/** Run types a pair can be the default for (Strava's sport types for running). */
export const RUN_TYPES = [
  { value: "Run", label: "Road runs" },
  { value: "TrailRun", label: "Trail runs" },
  { value: "VirtualRun", label: "Treadmill runs" },
] as const;

export function runTypeLabel(type: string | null | undefined): string | null {
  if (!type) return null;
  return RUN_TYPES.find((t) => t.value === type)?.label ?? type;
}
