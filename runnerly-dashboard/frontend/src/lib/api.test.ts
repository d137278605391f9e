import { ApiError, api, describeError, rememberCsrf, withQuery } from "./api";

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

describe("api", () => {
  afterEach(() => vi.restoreAllMocks());

  it("leaves empty filters out of the query", () => {
    expect(withQuery("/api/runs", { page: 2, q: "", source: undefined, year: 2026 })).toBe(
      "/api/runs?page=2&year=2026",
    );
  });

  it("sends the CSRF token with writes, never with reads", async () => {
    rememberCsrf("token-1");
    const fetchMock = vi.spyOn(globalThis, "fetch").mockImplementation(async () => answer(200, {}));
    await api.get("/api/runs");
    await api.post("/api/logout");
    const [, readInit] = fetchMock.mock.calls[0]!;
    const [, writeInit] = fetchMock.mock.calls[1]!;
    expect((readInit!.headers as Headers).get("X-CSRF-Token")).toBeNull();
    expect((writeInit!.headers as Headers).get("X-CSRF-Token")).toBe("token-1");
  });

  it("asks for a session first when a visitor writes before having one", async () => {
    rememberCsrf(null);
    const fetchMock = vi.spyOn(globalThis, "fetch").mockImplementation(async (input) =>
      String(input) === "/api/session" ? answer(200, { authenticated: false, csrf_token: "fresh" }) : answer(202, {}),
    );
    await api.post("/api/signup", { email: "a@b.c" });
    expect(String(fetchMock.mock.calls[0]![0])).toBe("/api/session");
    const [, writeInit] = fetchMock.mock.calls[1]!;
    expect((writeInit!.headers as Headers).get("X-CSRF-Token")).toBe("fresh");
  });

  it("turns a problem+json answer into an error that says what was wrong", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(async () =>
      answer(429, { title: "Too Many Requests", detail: "Too many failed logins." }, { "Retry-After": "600" }),
    );
    const error = await api.post("/api/login", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect(describeError(error)).toBe("Too many failed logins. Try again in 10 min.");
  });

  it("says so when the backend cannot be reached", async () => {
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("network"));
    const error = await api.get("/api/runs").catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/cannot be reached/);
  });
});
