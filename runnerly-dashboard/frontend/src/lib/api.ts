// The one way the app talks to the dashboard backend: same-origin fetch with the session
// cookie, the CSRF header on every write, and problem+json errors turned into ApiError.
import type { components } from "./schema";

export type Schemas = components["schemas"];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly retryAfter: number | null = null,
  ) {
    super(detail || title);
    this.name = "ApiError";
  }
}

const CSRF_COOKIE = "runnerly_csrf";
let csrfToken: string | null = null;

/** The backend answers the CSRF token with every session; writes send it back. */
export function rememberCsrf(token: string | null): void {
  csrfToken = token;
}

function csrfFromCookie(): string | null {
  const match = document.cookie.split("; ").find((pair) => pair.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : null;
}

/** The token for a write: the cookie's, else the one remembered, else a fresh session's
 * (a visitor on the sign-up page has not asked for a session yet). */
async function csrfForWrite(): Promise<string | null> {
  const known = csrfFromCookie() ?? csrfToken;
  if (known) return known;
  try {
    const answer = await fetch("/api/session", { credentials: "same-origin", headers: { Accept: "application/json" } });
    csrfToken = ((await answer.json()) as { csrf_token?: string }).csrf_token ?? null;
  } catch {
    csrfToken = null; // the write itself will say what is wrong
  }
  return csrfFromCookie() ?? csrfToken;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response: Response): Promise<ApiError> {
  let title = response.statusText || "Request failed";
  let detail = "";
  try {
    const body = (await response.json()) as { title?: string; detail?: string };
    title = body.title ?? title;
    detail = body.detail ?? "";
  } catch {
    detail = "The server answered in a way the app did not understand.";
  }
  const retry = Number(response.headers.get("Retry-After"));
  return new ApiError(response.status, title, detail, Number.isFinite(retry) && retry > 0 ? retry : null);
}

export async function request<T>(method: string, path: string, body?: unknown, headers?: HeadersInit): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: new Headers(headers) };
  const sent = init.headers as Headers;
  sent.set("Accept", "application/json, application/problem+json");
  if (method !== "GET") {
    const token = await csrfForWrite();
    if (token) sent.set("X-CSRF-Token", token);
  }
  if (body instanceof FormData) {
    init.body = body; // multipart: the browser writes the Content-Type with its boundary
  } else if (body !== undefined) {
    sent.set("Content-Type", "application/json");
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, "Offline", "Runnerly cannot be reached. Check your connection and try again.");
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown, headers?: HeadersInit) => request<T>("PATCH", path, body, headers),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
  /** Files as multipart/form-data, each in a part named `field`. */
  upload: <T>(path: string, field: string, files: readonly File[]) => {
    const form = new FormData();
    for (const file of files) form.append(field, file, file.name);
    return request<T>("POST", path, form);
  },
};

/** Words a runner can act on, for any error. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter) {
      return `${error.detail || "Too many attempts."} Try again in ${Math.ceil(error.retryAfter / 60)} min.`;
    }
    return error.detail || error.title;
  }
  return "Something went wrong. Try again.";
}
