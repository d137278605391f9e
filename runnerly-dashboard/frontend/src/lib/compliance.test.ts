import { complianceOf } from "./compliance";

const planned = { type: "easy", date: "2026-03-02", duration_s: 3600, distance_m: 10000 };

describe("plan compliance", () => {
  it("is green within 20 % of the planned duration", () => {
    expect(complianceOf(planned, { distance_m: 9000, moving_time_s: 3000 }, "2026-03-03")).toBe("green");
    expect(complianceOf(planned, { distance_m: 9000, moving_time_s: 4320 }, "2026-03-03")).toBe("green");
  });

  it("is yellow between 50 and 150 %, red beyond", () => {
    expect(complianceOf(planned, { distance_m: 5000, moving_time_s: 2000 }, "2026-03-03")).toBe("yellow");
    expect(complianceOf(planned, { distance_m: 5000, moving_time_s: 1500 }, "2026-03-03")).toBe("red");
    expect(complianceOf(planned, { distance_m: 5000, moving_time_s: 5500 }, "2026-03-03")).toBe("red");
  });

  it("falls back to distance when no duration was planned", () => {
    const byDistance = { type: "long", date: "2026-03-02", distance_m: 20000 };
    expect(complianceOf(byDistance, { distance_m: 15000, moving_time_s: 1 }, "2026-03-03")).toBe("yellow");
  });

  it("tells a missed run from one still to come, and rest days apart", () => {
    expect(complianceOf(planned, null, "2026-03-03")).toBe("red");
    expect(complianceOf(planned, null, "2026-03-02")).toBe("pending");
    expect(complianceOf({ ...planned, type: "rest" }, null, "2026-03-03")).toBe("rest");
  });
});
