#!/usr/bin/env node
// Smoke-runs what ships, after `npm run build`: packs @uplink/core, @uplink/server and
// @uplink/sim as npm would publish them, unpacks them into a scratch node_modules beside only
// their production dependencies (no tsx, no fast-check, no TypeScript sources resolved through
// the "source" condition), then checks that every `exports` target exists, that the main
// entries import, and that the `bin` commands run from dist/: `uplink --help`, `uplink migrate`
// on an embedded database, and a short `uplink-sim run`, each by exit code and a line of output.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PACKAGES = ["@uplink/core", "@uplink/server", "@uplink/sim"];
const scratch = mkdtempSync(join(tmpdir(), "uplink-smoke-"));
const modules = join(scratch, "node_modules");
const failures = [];

function check(what, ok, detail = "") {
  console.log(`smoke: ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(`${what}${detail ? `\n${detail}` : ""}`);
}

/** Runs `node args` in the scratch directory; returns the exit code and the whole output. */
function node(args, env = {}) {
  const run = spawnSync(process.execPath, args, {
    cwd: scratch,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", ...env },
    timeout: 120_000,
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

try {
  // The packages as published: `npm pack` honours each package's `files`.
  const packed = JSON.parse(
    execFileSync(
      "npm",
      ["pack", "--json", "--pack-destination", scratch, ...PACKAGES.flatMap((p) => ["-w", p])],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    ),
  );
  for (const { name, filename } of packed) {
    const target = join(modules, name);
    mkdirSync(target, { recursive: true });
    execFileSync("tar", ["xzf", join(scratch, filename), "-C", target, "--strip-components=1"]);
  }

  // Their production dependencies only, linked from the workspace's hoisted node_modules.
  const production = execFileSync(
    "npm",
    ["ls", "--omit=dev", "--all", "--parseable", ...PACKAGES.flatMap((p) => ["-w", p])],
    { cwd: ROOT, encoding: "utf8" },
  );
  const hoisted = new Set();
  for (const path of production.split("\n")) {
    const parts = relative(ROOT, path).split(sep);
    if (parts[0] !== "node_modules" || parts[1] === "@uplink") continue;
    const name = parts[1]?.startsWith("@") ? `${parts[1]}/${parts[2]}` : parts[1];
    if (name && parts.length === (name.includes("/") ? 3 : 2)) hoisted.add(name);
  }
  for (const name of hoisted) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(modules, name), "dir");
  }
  for (const devOnly of ["tsx", "fast-check", "typescript", "vitest"]) {
    check(`${devOnly} is not among the production dependencies`, !hoisted.has(devOnly));
  }

  // Every `exports` and `bin` target exists in the packed package.
  for (const name of PACKAGES) {
    const dir = join(modules, name);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
      for (const [condition, file] of Object.entries(conditions)) {
        check(`${name} exports["${subpath}"].${condition} → ${file}`, existsSync(join(dir, file)));
      }
    }
    for (const [command, file] of Object.entries(manifest.bin ?? {})) {
      check(`${name} bin ${command} → ${file}`, existsSync(join(dir, file)));
    }
  }

  // The main entries load from dist/ (the "source" condition is not set here).
  for (const name of PACKAGES) {
    const run = node([
      "--input-type=module",
      "-e",
      `import "reflect-metadata"; const m = await import("${name}"); if (Object.keys(m).length === 0) process.exit(3);`,
    ]);
    check(`import "${name}"`, run.code === 0, run.output);
  }

  const uplink = join(modules, "@uplink/server/bin/uplink.mjs");
  const help = node([uplink, "--help"]);
  check(
    "uplink --help exits 0 and prints its usage",
    help.code === 0 && /^usage:/m.test(help.output),
    help.output,
  );

  const dataDir = join(scratch, "data");
  const migrate = node([uplink, "migrate", "--data-dir", dataDir], { UPLINK_LOG_LEVEL: "info" });
  check("uplink migrate --data-dir (embedded PGlite) exits 0", migrate.code === 0, migrate.output);

  const sim = node([
    join(modules, "@uplink/sim/bin/uplink-sim.mjs"),
    "run",
    "--seed",
    "1",
    "--commands",
    "200",
    "--days",
    "1",
  ]);
  check(
    "uplink-sim run --seed 1 --commands 200 --days 1 exits 0 and every invariant holds",
    sim.code === 0 && /^invariants: all \d+ hold/m.test(sim.output),
    sim.output,
  );
  const usage = node([join(modules, "@uplink/sim/bin/uplink-sim.mjs"), "run", "--no-such-flag"]);
  check("uplink-sim with a bad argument exits 2", usage.code === 2, usage.output);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`smoke: ${failures.length} check(s) failed:\n\n${failures.join("\n\n")}`);
  process.exit(1);
}
console.log("smoke: the packed packages run from dist/");
