// The demo runner's pages are full at once: each is checked for content, scanned for
// accessibility, and photographed on a desktop and on a phone.
import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, settled } from "./helpers";

const DEMO_EMAIL = process.env.E2E_DEMO_EMAIL ?? "demo@runnerly.local";
const DEMO_PASSWORD = process.env.E2E_DEMO_PASSWORD ?? "";

test.describe("the demo runner's pages", () => {
  test.beforeEach(async ({ page }) => {
    test.skip(!DEMO_PASSWORD, "E2E_DEMO_PASSWORD is not set");
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(DEMO_EMAIL);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Runs", exact: true })).toBeVisible();
  });

  const pages: [string, string, string][] = [
    ["runs", "/", "Runs"],
    ["statistics", "/stats", "Statistics"],
    ["training", "/training", "Training"],
    ["races", "/races", "Races"],
    ["shoes", "/shoes", "Shoes"],
    ["settings", "/settings", "Settings"],
  ];
  for (const [name, path, heading] of pages) {
    test(`${name} is full, accessible and photographed`, async ({ page }, testInfo) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
      await settled(page);
      if (name !== "races") await expect(page.locator(".empty-state")).toHaveCount(0);
      await expectAccessible(page);
      await screenshot(page, testInfo, name);
    });
  }

  test("a run's page shows its splits", async ({ page }, testInfo) => {
    // The demo runner's runs are uploads with splits and a track (the new runner's walk
    // sees a Strava run's map).
    await settled(page);
    await page.locator(".run-list a").first().click();
    await expect(page.getByRole("heading", { name: "Splits" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Splits" }).locator("tbody tr").first()).toBeVisible();
    await expect(page.getByRole("img", { name: /Route of/ })).toBeVisible();
    await settled(page);
    await expectAccessible(page);
    await screenshot(page, testInfo, "run");
  });

  test("the plan is a calendar with each planned run coloured", async ({ page }, testInfo) => {
    await page.goto("/training");
    await settled(page);
    await page.getByRole("region", { name: "Plans" }).getByRole("link").first().click();
    await expect(page.locator(".plan-calendar .planned").first()).toBeVisible();
    await settled(page);
    await expectAccessible(page);
    await screenshot(page, testInfo, "plan");
  });
});

test("the login page is accessible and photographed", async ({ page }, testInfo) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Log in", exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "login");
});
