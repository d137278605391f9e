import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { rememberCsrf } from "@/lib/api";
import type { ImportJob } from "../jobs";
import { importJob as job } from "../testing";
import { ImportsPage } from "./ImportsPage";

const PROFILE = { units: "metric", timezone: "UTC", monthly_report: false };

function json(status: number, body: unknown) {
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

/** The backend as the page sees it: the jobs listed are whatever `jobs` holds when asked. */
function backend(onUpload: (form: FormData) => Response) {
  let jobs: ImportJob[] = [];
  const fetchMock = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = String(input);
    if (url.startsWith("/api/me")) return json(200, PROFILE);
    if (url.startsWith("/api/imports") && init?.method === "POST") return onUpload(init.body as FormData);
    if (url.startsWith("/api/imports")) return json(200, { items: jobs, total: jobs.length, page: 1, per_page: 20 });
    return json(404, { title: "Not Found", detail: url });
  });
  return { fetchMock, setJobs: (next: ImportJob[]) => (jobs = next) };
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ImportsPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("the import page", () => {
  beforeEach(() => rememberCsrf("token"));
  afterEach(() => vi.restoreAllMocks());

  it("uploads the chosen files, then follows the job until its run can be opened", async () => {
    const sent: string[] = [];
    const { setJobs } = backend((form) => {
      sent.push(...form.getAll("file").map((file) => (file as File).name));
      setJobs([job({ status: "queued" })]);
      return json(202, { jobs: [job({ status: "queued" })] });
    });
    // As a runner who switched the file picker to "All files".
    const user = userEvent.setup({ applyAccept: false });
    renderPage();
    expect(await screen.findByText("Nothing imported yet.")).toBeInTheDocument();

    const gpx = new File(["<gpx/>"], "sunday.gpx", { type: "application/gpx+xml" });
    const notes = new File(["notes"], "notes.txt", { type: "text/plain" });
    await user.upload(screen.getByLabelText("Activity files"), [gpx, notes]);
    expect(screen.getByRole("status")).toHaveTextContent("Left out, not an activity file: notes.txt.");
    await user.click(screen.getByRole("button", { name: "Upload" }));

    expect(await screen.findByText("Waiting to be read…")).toBeInTheDocument();
    expect(sent).toEqual(["sunday.gpx"]);
    setJobs([
      job({
        status: "done",
        outcome: "created",
        run_id: 42,
        summary: { start_time: "2026-03-01T07:30:00Z", distance_m: 10_000, moving_time_s: 3333 },
      }),
    ]);
    const row = (await screen.findByText("A new run.", {}, { timeout: 5000 })).closest("li")!;
    expect(within(row).getByText("Done")).toBeInTheDocument();
    expect(within(row).getByText(/10\.00 km/)).toBeInTheDocument();
    expect(within(row).getByRole("link", { name: "Open the run" })).toHaveAttribute("href", "/runs/42");
  });

  it("shows why an upload was refused, in the service's words", async () => {
    backend(() => json(400, { title: "Bad Request", detail: "broken.zip is not a readable ZIP archive." }));
    const user = userEvent.setup();
    renderPage();
    await user.upload(screen.getByLabelText("Activity files"), new File(["PK"], "broken.zip"));
    await user.click(screen.getByRole("button", { name: "Upload" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("broken.zip is not a readable ZIP archive.");
  });

  it("gives a failed job's reason", async () => {
    const { setJobs } = backend(() => json(500, {}));
    setJobs([job({ filename: "ride.gpx", status: "failed", error: "ride.gpx is a ride, not a run." })]);
    renderPage();

    const row = (await screen.findByText("ride.gpx is a ride, not a run.")).closest("li")!;
    expect(within(row).getByText("Failed")).toBeInTheDocument();
    expect(within(row).queryByRole("link")).toBeNull();
  });
});
