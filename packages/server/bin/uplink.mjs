#!/usr/bin/env node
// The `uplink` command: the built CLI when the package has been built, otherwise the
// TypeScript sources through tsx (a workspace checkout), with signals passed on.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
if (existsSync(built)) {
  await import(built);
} else {
  const source = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    // tsx is resolved from this package, not from the working directory.
    ["--conditions=source", "--import", import.meta.resolve("tsx"), source, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}
