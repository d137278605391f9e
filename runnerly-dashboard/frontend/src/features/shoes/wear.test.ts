import { describe, expect, it } from "vitest";
import { remaining, runTypeLabel, wearShare, wearState } from "./wear";

const pair = (distance_m: number, retire_at_m = 800_000, retired = false) => ({ distance_m, retire_at_m, retired });

describe("shoe wear", () => {
  it("is a share of the runner's retirement distance, full once reached", () => {
    expect(wearShare(pair(200_000))).toBe(0.25);
    expect(wearShare(pair(900_000))).toBe(1);
  });

  it("warns from 80 % and asks for retirement at the runner's distance", () => {
    expect(wearState(pair(639_000))).toBe("fresh");
    expect(wearState(pair(640_000))).toBe("worn");
    expect(wearState(pair(800_000))).toBe("retire");
    expect(wearState(pair(900_000, 800_000, true))).toBe("retired");
  });

  it("counts the distance left, never below zero", () => {
    expect(remaining(pair(750_000))).toBe(50_000);
    expect(remaining(pair(850_000))).toBe(0);
  });

  it("names run types in words", () => {
    expect(runTypeLabel("TrailRun")).toBe("Trail runs");
    expect(runTypeLabel("Hike")).toBe("Hike");
    expect(runTypeLabel(null)).toBeNull();
  });
});
