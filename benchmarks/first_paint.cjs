// Loads a page in Debian's headless Chromium (through the frontend's playwright-core) and
// prints, as JSON, the first contentful paint of each fresh load and the scripts it fetched.
// Usage: node first_paint.cjs <frontend dir> <url> <loads>
const { createRequire } = require("node:module");
const path = require("node:path");

const [frontend, url, loads] = process.argv.slice(2);
const { chromium } = createRequire(path.join(path.resolve(frontend), "package.json"))("playwright-core");

async function load(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Set();
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.add(new URL(request.url()).pathname);
  });
  await page.goto(url, { waitUntil: "load" });
  const paint = await page.waitForFunction(
    () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    undefined,
    { timeout: 30000 },
  );
  const ms = await paint.jsonValue();
  await context.close();
  return { first_contentful_paint_ms: ms, scripts: [...scripts] };
}

(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const results = [];
    for (let i = 0; i < Number(loads); i++) results.push(await load(browser));
    console.log(JSON.stringify(results));
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
