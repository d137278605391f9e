import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the walk leaves a screenshot of each page (named in the README). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");

export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${testInfo.project.name}.png`), fullPage: true });
}

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** The newest link of a message from the development mail sink that matches `pattern`. */
export async function mailedLink(page: Page, to: string, pattern: RegExp): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const answer = await page.request.get(`/api/dev/mail?to=${encodeURIComponent(to)}`);
        const mail = (await answer.json()) as { items: { links: string[] }[] };
        link = mail.items.flatMap((m) => m.links).find((l) => pattern.test(l));
        return link;
      },
      { timeout: 20_000 },
    )
    .toBeTruthy();
  return link!;
}

/** The page with its content in place: no skeleton left. The training service computes
 * a year of load on a cold cache: on a loaded machine that takes a while. */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator(".skeleton")).toHaveCount(0, { timeout: 90_000 });
}

/** A link of the main navigation (pages also link to each other by the same names). */
export async function goTo(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
}

/** A runner a walk signs up: a new address on every run, so that walks repeated on one
 * suite (or on both projects) never meet an account already there. */
export interface Runner {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

export function newRunner(firstName: string, lastName: string, role: string): Runner {
  return { firstName, lastName, email: `${role}-${Date.now()}@example.org`, password: "correct horse battery staple 42" };
}

/** Sign up through the form and confirm by the mailed link: the runner lands, logged in,
 * on their settings. */
export async function signUp(page: Page, runner: Runner): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("First name").fill(runner.firstName);
  await page.getByLabel("Last name").fill(runner.lastName);
  await page.getByLabel("E-mail").fill(runner.email);
  await page.getByLabel("Password").fill(runner.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await page.goto(await mailedLink(page, runner.email, /confirm/));
  await expect(page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
}

/** Fill in and send the login form the page shows. */
export async function logIn(page: Page, runner: Runner): Promise<void> {
  await page.getByLabel("E-mail").fill(runner.email);
  await page.getByLabel("Password").fill(runner.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
}
