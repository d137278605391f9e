import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium, never a downloaded browser (make install puts it there).
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const baseURL = process.env.E2E_BASE_URL ?? "http://127.0.0.1:5000";
const launchOptions = { executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] };

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  // The walks share one suite and one sandbox: one at a time, in order.
  workers: 1,
  fullyParallel: false,
  // Generous: CI machines are shared and loaded; the walks wait on UI state, never on time.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  retries: 0,
  reporter: [["list"]],
  // One walk only: `E2E_GREP=upload make test-e2e` (a test title's words, a regular expression).
  ...(process.env.E2E_GREP ? { grep: new RegExp(process.env.E2E_GREP) } : {}),
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions } },
    { name: "phone", use: { ...devices["Pixel 5"], viewport: { width: 360, height: 780 }, launchOptions }, testMatch: /pages\.spec/ },
  ],
});
