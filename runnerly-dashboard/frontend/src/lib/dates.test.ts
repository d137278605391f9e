import { addDays, formatClock, monthKey, todayIn, weekStart } from "./dates";

describe("dates", () => {
  it("tells the wall-clock time in the runner's zone, not the browser's", () => {
    expect(formatClock("2026-03-01T07:30:00Z", "Europe/Paris")).toBe("08:30");
    expect(formatClock("2026-03-01T07:30:00Z", "America/New_York")).toBe("02:30");
  });

  it("tells today in the runner's zone", () => {
    const lateEvening = new Date("2026-03-01T23:30:00Z");
    expect(todayIn("Europe/Paris", lateEvening)).toBe("2026-03-02");
    expect(todayIn("America/Los_Angeles", lateEvening)).toBe("2026-03-01");
  });

  it("does day arithmetic across month ends and finds Mondays", () => {
    expect(addDays("2026-02-27", 3)).toBe("2026-03-02");
    expect(weekStart("2026-03-01")).toBe("2026-02-23");
    expect(weekStart("2026-03-02")).toBe("2026-03-02");
    expect(monthKey("2026-03-01T08:30:00")).toBe("2026-03");
  });
});
