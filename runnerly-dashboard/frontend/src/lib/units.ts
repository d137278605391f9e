// Units and formatting: pure functions, so that every page shows the same figures.
export type Units = "metric" | "imperial";

export const METRES_PER_MILE = 1609.344;

export function unitLength(units: Units): number {
  return units === "imperial" ? METRES_PER_MILE : 1000;
}

export function distanceLabel(units: Units): "km" | "mi" {
  return units === "imperial" ? "mi" : "km";
}

/** A distance in the runner's units: 10000 m is "10.00 km" or "6.21 mi". */
export function formatDistance(metres: number, units: Units, digits = 2): string {
  return `${(metres / unitLength(units)).toFixed(digits)} ${distanceLabel(units)}`;
}

/** Seconds as h:mm:ss, or m:ss under an hour. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** A pace given in seconds per km, shown per km or per mile: "5:00 /km" or "8:03 /mi". */
export function formatPace(secondsPerKm: number | null | undefined, units: Units): string {
  if (secondsPerKm == null || !Number.isFinite(secondsPerKm) || secondsPerKm <= 0) return "–";
  const perUnit = (secondsPerKm * unitLength(units)) / 1000;
  return `${formatDuration(perUnit)} /${distanceLabel(units)}`;
}

/** Seconds per km from a distance and a time (null when it cannot be told). */
export function paceOf(metres: number, seconds: number): number | null {
  return metres > 0 && seconds > 0 ? (seconds * 1000) / metres : null;
}

export function formatElevation(metres: number | null | undefined, units: Units): string {
  if (metres == null) return "–";
  return units === "imperial" ? `${Math.round(metres * 3.28084)} ft` : `${Math.round(metres)} m`;
}

/** Converts a distance typed in the runner's units to metres. */
export function toMetres(value: number, units: Units): number {
  return value * unitLength(units);
}
