#!/usr/bin/env node
// The `uplink-sim` command: the built CLI when the package has been built (as published),
// otherwise the TypeScript sources through tsx (a workspace checkout), in a child Node with the
// V8 flags and environment of child-options.mjs. The exit code (1: an invariant broke, 2: bad
// arguments) is passed through.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { childOptions } from "./child-options.mjs";

const { flags, env } = childOptions(process.argv.slice(2), process.env);

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
const child = spawnSync(process.execPath, [...flags, ...entry, ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
if (child.error) throw child.error;
process.exit(child.status ?? (child.signal ? 1 : 0));
