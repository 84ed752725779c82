#!/usr/bin/env node
// Runs the TypeScript CLI through tsx with the workspace's `source` condition, so that no
// build is needed; the exit code (1: an invariant broke, 2: bad arguments) is passed through.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const tsx = pathToFileURL(require.resolve("tsx")).href;
const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const child = spawnSync(
  process.execPath,
  ["--conditions=source", "--import", tsx, main, ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
if (child.error) throw child.error;
process.exit(child.status ?? 1);
