// Fails when a route's first load fetches more than the budget of JavaScript (issue 10: at most
// 200 KB gzipped). A direct link to a route fetches the entry chunk, the route's lazy chunk and
// every chunk either imports statically; charts a page loads later (React.lazy inside the page)
// are dynamic imports, so they do not count. Reads the Vite manifest of the last build:
// `npm run build` (vite.config.ts sets build.manifest) then `node scripts/route-budget.mjs`.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 200;
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));

/** The chunk and every chunk it imports statically, as file names. */
function staticClosure(key, files = new Set()) {
  const chunk = manifest[key];
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(imported, files);
  return files;
}

// Level 6, as the gateway (and benchmarks/dashboard.py) compresses it.
const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 6 }).length / 1024;

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entryFiles = staticClosure(entryKey);
// The pages App.tsx loads lazily; the entry alone is the login page.
const routes = [["(entry: /login)", entryFiles]];
// A page whose chunk also holds code its lazy charts share has a key like "_StatsPage-x.js".
for (const key of manifest[entryKey].dynamicImports ?? []) {
  routes.push([manifest[key].src ?? `${manifest[key].name} page (${manifest[key].file})`, staticClosure(key, new Set(entryFiles))]);
}

let over = 0;
for (const [name, files] of routes) {
  const kb = [...files].filter((file) => file.endsWith(".js")).reduce((sum, file) => sum + gzipKb(file), 0);
  const verdict = kb > BUDGET_KB ? "OVER" : "ok";
  if (kb > BUDGET_KB) over += 1;
  console.log(`${verdict.padEnd(4)} ${kb.toFixed(1).padStart(6)} KB  ${name}`);
}
if (over) {
  console.error(`${over} route(s) fetch more than ${BUDGET_KB} KB of gzipped JavaScript on a first load.`);
  process.exit(1);
}
console.log(`Every route's first load is within ${BUDGET_KB} KB of gzipped JavaScript.`);
