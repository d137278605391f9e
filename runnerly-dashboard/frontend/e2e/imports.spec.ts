// A runner without Strava brings a run in from their watch's file, through the app.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, goTo, newRunner, screenshot, settled, signUp } from "./helpers";

const runner = newRunner("Grace", "Importer", "importer");
const EARTH_RADIUS_M = 6_371_000; // the import service's haversine radius
const PARIS = { lat: 48.8566, lon: 2.3522 };

/** A GPX file of a 10 km run due north from Paris at 3 m/s, a point every 2 s: along a
 * meridian the haversine distance is R times the latitude difference, exactly 10 km. */
function tenKilometreGpx(start: Date): Buffer {
  const metres = 10_000;
  const speed = 3;
  const duration = metres / speed;
  const times = [...Array.from({ length: Math.ceil(duration / 2) }, (_, i) => i * 2), duration];
  const points = times.map((t) => {
    const lat = PARIS.lat + ((speed * t) / EARTH_RADIUS_M) * (180 / Math.PI);
    const when = new Date(start.getTime() + t * 1000).toISOString();
    return `<trkpt lat="${lat.toFixed(7)}" lon="${PARIS.lon.toFixed(7)}"><ele>35</ele><time>${when}</time></trkpt>`;
  });
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="runnerly e2e" xmlns="http://www.topografix.com/GPX/1/1">` +
      `<trk><name>Ten by the river</name><type>running</type><trkseg>${points.join("")}</trkseg></trk></gpx>`,
  );
}

async function uploadFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel("Activity files").setInputFiles(file);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("Uploaded: 1 activity to import.")).toBeVisible();
}

test("a runner uploads a 10 km GPX, sees its run with map and splits, and the same file again makes nothing new", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the walk runs once, on the desktop");
  test.setTimeout(600_000);
  const yesterday = new Date(Date.now() - 86_400_000);
  yesterday.setUTCHours(6, 30, 0, 0);
  const gpx = { name: "ten-k.gpx", mimeType: "application/gpx+xml", buffer: tenKilometreGpx(yesterday) };
  const jobs = page.locator(".import-job");

  await test.step("sign up and confirm by the mailed link", async () => {
    await signUp(page, runner);
  });

  await test.step("upload the file from the runs page's link and watch its job finish", async () => {
    await goTo(page, "Runs");
    await page.getByRole("link", { name: "Import files" }).first().click();
    await expect(page.getByRole("heading", { name: "Import files", exact: true })).toBeVisible();
    await expect(page.getByText("Nothing imported yet.")).toBeVisible();
    await uploadFile(page, gpx);
    await expect(jobs).toHaveCount(1);
    await expect(jobs.first()).toContainText("ten-k.gpx");
    // Queued, then read by the import worker: the list polls until it is done.
    await expect(jobs.first()).toContainText("A new run.", { timeout: 120_000 });
    await expect(jobs.first()).toContainText(/10\.00 km/);
    await settled(page);
    await expectAccessible(page);
    await screenshot(page, testInfo, "imports");
  });

  await test.step("open the run: its map, 10 splits and 10 km", async () => {
    await jobs.first().getByRole("link", { name: "Open the run" }).click();
    await expect(page.getByRole("heading", { name: "Ten by the river" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Route of/ })).toBeVisible();
    await expect(page.locator(".figures")).toContainText(/(9\.99|10\.00|10\.01) km/);
    await expect(page.getByRole("region", { name: "Splits" }).locator("tbody tr")).toHaveCount(10);
    await settled(page);
    await expectAccessible(page);
    await screenshot(page, testInfo, "imported-run");
  });

  await test.step("upload the same file again: it was imported before, nothing new", async () => {
    await page.goto("/imports");
    await uploadFile(page, gpx);
    await expect(jobs).toHaveCount(2);
    await expect(jobs.first()).toContainText("Imported before: nothing new.", { timeout: 120_000 });
    await expect(jobs.first().getByRole("link", { name: "Open the run" })).toBeVisible();
    await goTo(page, "Runs");
    await settled(page);
    await expect(page.locator(".run-list li")).toHaveCount(1);
    await expect(page.locator(".run-list li").first()).toContainText("upload");
  });

  await test.step("a file that is not an activity is refused with the reason", async () => {
    await page.goto("/imports");
    // The picker's accept list can be overridden ("All files"); the app leaves such a file out.
    await page.getByLabel("Activity files").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hi") });
    await expect(page.getByText("Left out, not an activity file: notes.txt.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Upload", exact: true })).toBeDisabled();
  });

  await test.step("delete the account", async () => {
    await goTo(page, "Settings");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();
  });
});
