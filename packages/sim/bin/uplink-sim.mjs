#!/usr/bin/env node
// The `uplink-sim` command: the built CLI when the package has been built (as published),
// otherwise the TypeScript sources through tsx (a workspace checkout), in a child Node with
// the V8 flags below. The exit code (1: an invariant broke, 2: bad arguments) is passed through.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The simulator's own heap settings, set here so that every run of the command (and the
// benchmark, which runs the command) gets them. A run allocates short-lived objects for every
// command (the services' commands, changes, events and trace records): young-generation
// semi-spaces of 32 MiB let most of them die before a scavenge copies them, at the cost of
// about 64 MiB more memory.
const V8_FLAGS = ["--max-semi-space-size=32"];

const built = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const entry = existsSync(built)
  ? [built]
  : // tsx is resolved from this package, not from the working directory.
    [
      "--conditions=source",
      "--import",
      import.meta.resolve("tsx"),
      fileURLToPath(new URL("../src/cli/main.ts", import.meta.url)),
    ];
const child = spawnSync(process.execPath, [...V8_FLAGS, ...entry, ...process.argv.slice(2)], {
  stdio: "inherit",
});
if (child.error) throw child.error;
process.exit(child.status ?? (child.signal ? 1 : 0));
