#!/usr/bin/env node
// The `uplink-sim` command: the built CLI when the package has been built (as published),
// otherwise the TypeScript sources through tsx (a workspace checkout). The exit code (1: an
// invariant broke, 2: bad arguments) is passed through.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
if (existsSync(built)) {
  await import(built);
} else {
  const main = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
  const child = spawnSync(
    process.execPath,
    // tsx is resolved from this package, not from the working directory.
    ["--conditions=source", "--import", import.meta.resolve("tsx"), main, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  if (child.error) throw child.error;
  process.exit(child.status ?? 1);
}
