#!/usr/bin/env node
// The `uplink-sim` command: the built CLI when the package has been built (as published),
// otherwise the TypeScript sources through tsx (a workspace checkout), in a child Node with
// the V8 flags below. The exit code (1: an invariant broke, 2: bad arguments) is passed through.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The simulator's own heap settings, set here so that every run of the command (and the
// benchmark, which runs the command) gets them. A run keeps about 130 bytes of JavaScript heap
// a command (the repository's ids and args, the checker's and the spacecraft's sets) besides
// its typed-array columns, and allocates short-lived objects for every command. Left alone, V8
// lets the old generation grow to several times what is live before it collects: a million
// commands peak at about 700 MiB. Capping the old generation at 128 MiB plus 200 bytes a
// command (as --commands says; 319 MiB for a million) keeps that run near 470 MiB, under the
// 512 MiB budget, at a few per cent of time; the cap grows with the run, so a larger one does
// not run out of heap. A --max-old-space-size of your own in NODE_OPTIONS wins. The young
// generation's semi-spaces are 8 MiB: 16 cost about 24 MiB more at peak for no measurable
// speed (alternated 200 000-command runs: 41 459 commands per CPU-second at 16, 43 869 at 8).
const commands = commandsOf(process.argv.slice(2));
const oldSpaceMiB = Math.ceil(128 + (commands * 200) / 2 ** 20);
const V8_FLAGS = ["--max-semi-space-size=8"];
if (!/--max-old-space-size/.test(process.env.NODE_OPTIONS ?? ""))
  V8_FLAGS.push(`--max-old-space-size=${oldSpaceMiB}`);

/** The value of `--commands N` or `--commands=N` (0 when absent or bad: the CLI says why). */
function commandsOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    const match = /^--commands(?:=(.*))?$/.exec(argv[i]);
    if (!match) continue;
    const n = Number(match[1] ?? argv[i + 1]);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  }
  return 0;
}

// glibc's malloc raises its mmap threshold each time a large block is freed, so the typed-array
// columns a run outgrows (each doubling frees the old one) are then served from the heap and
// stay in the process's memory: a fixed threshold of 64 KiB hands every large block back to the
// system when freed, about 24 MiB less at a million commands. Your own setting wins.
const env = { MALLOC_MMAP_THRESHOLD_: "65536", ...process.env };

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
  env,
});
if (child.error) throw child.error;
process.exit(child.status ?? (child.signal ? 1 : 0));
