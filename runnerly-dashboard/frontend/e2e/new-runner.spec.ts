// A new runner's first visit, as they would do it by hand.
import { expect, test } from "@playwright/test";
import { goTo, logIn, newRunner, settled, signUp } from "./helpers";

const runner = newRunner("Ada", "Runner", "runner");
// A race of its own: a walk repeated on the same day over the same local state would
// otherwise add a race the calendar already has (a 409).
const raceName = `E2E Half Marathon ${Date.now()}`;

test("a new runner signs up, links Strava, sees their runs and training, plans a race, switches to miles and leaves", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the walk runs once, on the desktop");
  // The whole walk, backfill included, in one test: on a loaded two-core machine it has
  // taken over two minutes.
  test.setTimeout(600_000);

  await test.step("sign up and confirm by the mailed link", async () => {
    await signUp(page, runner);
  });

  await test.step("an empty runs page says how to start", async () => {
    await goTo(page, "Runs");
    await expect(page.getByRole("heading", { name: "No runs yet" })).toBeVisible();
  });

  await test.step("link the sandbox athlete and watch the backfill finish", async () => {
    await goTo(page, "Settings");
    await page.getByRole("button", { name: "Link Strava" }).click();
    // The sandbox's consent page: pick the last demo athlete (the first is make run's).
    await page.locator('input[name="athlete_id"]').last().check();
    await page.getByRole("button", { name: "Authorize" }).click();
    await expect(page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
    const bar = page.getByRole("progressbar", { name: "Strava history" });
    await expect(bar).toBeVisible();
    await expect(page.getByText(/Your Strava history is in: \d+ runs/)).toBeVisible({ timeout: 90_000 });
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
  });

  await test.step("open a run and see its map and figures", async () => {
    await goTo(page, "Runs");
    await settled(page);
    await page.locator(".run-list a").first().click();
    // A Strava run shows its route at once; its splits come with the details fetched later.
    await expect(page.getByRole("img", { name: /Route of/ })).toBeVisible();
    await expect(page.getByText("Moving time")).toBeVisible();
  });

  await test.step("add a pair of shoes for road runs and see the runs counted", async () => {
    await goTo(page, "Shoes");
    await expect(page.getByRole("heading", { name: "No shoes yet" })).toBeVisible();
    const form = page.getByRole("form", { name: "Add a pair" });
    await form.getByLabel("Name").fill("Pegasus 41");
    await form.getByLabel("Default for").selectOption("Run");
    await form.getByRole("button", { name: "Add pair" }).click();
    await expect(page.getByRole("meter", { name: "Wear of Pegasus 41" })).toBeVisible();
    await expect(page.locator(".shoe").first()).toContainText(/· [1-9]\d* runs/);
  });

  await test.step("statistics and training are filled", async () => {
    await goTo(page, "Statistics");
    await settled(page);
    await expect(page.getByRole("img", { name: /Running days of the last year: [1-9]/ })).toBeVisible();
    await expect(page.getByRole("table").first()).toBeVisible();
    await goTo(page, "Training");
    await settled(page);
    await expect(page.getByText(/VDOT/).first()).toBeVisible();
    await expect(page.getByRole("table", { name: "Race predictions" })).toBeVisible();
  });

  await test.step("build a plan for a race", async () => {
    await goTo(page, "Races");
    const inFourMonths = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Name", { exact: true }).fill(raceName);
    await page.getByLabel("Date").fill(inFourMonths);
    await page.getByLabel(/Distance/).fill("21.0975");
    await page.getByLabel("Location").fill("Paris");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(page.getByText("Added to the calendar.")).toBeVisible();
    await page.getByRole("search").getByLabel("Search races").fill(raceName);
    await page.getByRole("button", { name: "Make it my goal" }).first().click();
    await page.getByRole("button", { name: "Build my plan" }).click();
    await expect(page.getByRole("heading", { name: new RegExp(raceName) })).toBeVisible({ timeout: 60_000 });
    await expect(page.locator(".plan-calendar .planned").first()).toBeVisible();
  });

  await test.step("switch to miles", async () => {
    await goTo(page, "Settings");
    // The choice is the server's: the radio turns once the profile is saved.
    await page.getByLabel("Miles").click();
    await expect(page.getByLabel("Miles")).toBeChecked();
    await goTo(page, "Runs");
    await settled(page);
    await expect(page.locator(".run-list").first()).toContainText(" mi");
    await expect(page.locator(".run-list").first()).not.toContainText(" km");
  });

  await test.step("log out", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();
    await page.goto("/stats");
    await expect(page.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();
  });

  await test.step("come back and delete the account, which frees the sandbox athlete", async () => {
    await logIn(page, runner);
    await goTo(page, "Settings");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();
    await logIn(page, runner);
    await expect(page.getByRole("alert")).toBeVisible();
  });
});
