/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The app talks only to the dashboard backend: in development Vite forwards /api to it.
const backend = process.env.RUNNERLY_DASHBOARD_URL ?? "http://127.0.0.1:5000";

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: { proxy: { "/api": backend } },
  build: {
    outDir: "dist",
    sourcemap: false,
    // dist/.vite/manifest.json maps each route to its chunks: scripts/route-budget.mjs reads it.
    manifest: true,
    // No manualChunks: a "charts" chunk for recharts also took modules the entry shares
    // (React's), so every page, the login page too, fetched it (137 KB gzipped). The pages
    // that draw charts are lazy routes, so Rollup already keeps recharts out of the entry.
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test-setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
