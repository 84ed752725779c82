import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources through the "source" export condition,
// in the SSR resolver too (vitest runs tests as SSR), so no build is needed before testing.
// No "import" here: vitest passes these to Node as --conditions, and a user condition "import"
// makes require() inside CommonJS packages pick ESM builds (pg's require("pg-pool") breaks).
const conditions = ["source", "node", "default"];

/** The vitest configuration every package and example shares. */
export const sharedConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["reflect-metadata"],
    // The JSON report feeds the monorepo's one-line summary (scripts/test-summary.mjs).
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
