// Plan compliance, coloured as TrainingPeaks does: green when the run was within ±20 % of
// what was planned (duration, else distance), yellow within 50–150 %, red otherwise or
// when a planned run was missed.
export type Compliance = "green" | "yellow" | "red" | "pending" | "rest";

export interface Planned {
  type: string;
  date: string;
  distance_m?: number | null;
  duration_s?: number | null;
}

export interface Done {
  distance_m: number;
  moving_time_s: number;
}

export function complianceOf(planned: Planned, done: Done | null, today: string): Compliance {
  if (planned.type === "rest") return "rest";
  if (!done) return planned.date < today ? "red" : "pending";
  const ratio = planned.duration_s
    ? done.moving_time_s / planned.duration_s
    : planned.distance_m
      ? done.distance_m / planned.distance_m
      : 1;
  if (ratio >= 0.8 && ratio <= 1.2) return "green";
  if (ratio >= 0.5 && ratio <= 1.5) return "yellow";
  return "red";
}

export const COMPLIANCE_WORDS: Record<Compliance, string> = {
  green: "done as planned",
  yellow: "partly done",
  red: "missed or far off",
  pending: "to do",
  rest: "rest day",
};
