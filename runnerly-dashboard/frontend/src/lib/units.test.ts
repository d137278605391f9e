import { formatDistance, formatDuration, formatElevation, formatPace, paceOf, toMetres } from "./units";

describe("units", () => {
  it("shows distances in kilometres or miles", () => {
    expect(formatDistance(10000, "metric")).toBe("10.00 km");
    expect(formatDistance(10000, "imperial")).toBe("6.21 mi");
    expect(formatDistance(42195, "metric", 1)).toBe("42.2 km");
  });

  it("formats durations with hours only when there are some", () => {
    expect(formatDuration(59)).toBe("0:59");
    expect(formatDuration(20 * 60)).toBe("20:00");
    expect(formatDuration(3 * 3600 + 11 * 60 + 17)).toBe("3:11:17");
    expect(formatDuration(3600 + 5)).toBe("1:00:05");
  });

  it("shows a pace per kilometre or per mile", () => {
    expect(formatPace(300, "metric")).toBe("5:00 /km");
    expect(formatPace(300, "imperial")).toBe("8:03 /mi");
    expect(formatPace(null, "metric")).toBe("–");
    expect(formatPace(0, "metric")).toBe("–");
  });

  it("computes a pace from distance and time", () => {
    expect(paceOf(5000, 1200)).toBe(240);
    expect(paceOf(0, 1200)).toBeNull();
  });

  it("converts elevation and typed distances", () => {
    expect(formatElevation(100, "imperial")).toBe("328 ft");
    expect(formatElevation(100.4, "metric")).toBe("100 m");
    expect(toMetres(1, "imperial")).toBeCloseTo(1609.344);
    expect(toMetres(5, "metric")).toBe(5000);
  });
});
