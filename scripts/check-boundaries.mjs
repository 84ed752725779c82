#!/usr/bin/env node
// Proves that the layer boundaries in biome.json still hold: writes one probe file per crossing
// (and a few allowed imports, so that a rule that flags everything is caught too) where the
// rule applies, lints them all in one Biome run, removes them, and fails unless every crossing
// gave the expected diagnostic and every allowed probe none. A glob typo or a rule turned off
// in biome.json would otherwise let every crossing through silently.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CORE = "packages/core/src";
const HTTP = "packages/server/src/http";
const SIM = "packages/sim/src";
const IMPORTS = "lint/style/noRestrictedImports";
const GLOBALS = "lint/style/noRestrictedGlobals";
const PROPERTIES = "lint/nursery/noJsRestrictedProperties";

/** `[folder, code, expected diagnostic category or null when the code is allowed there]`. */
const PROBES = [
  [
    CORE,
    `import { readFileSync } from "node:fs"; export const f = readFileSync;`,
    "lint/correctness/noNodejsModules",
  ],
  [
    CORE,
    `import { EventEmitter } from "events"; export const e = EventEmitter;`,
    "lint/correctness/noNodejsModules",
  ],
  [CORE, `import { startUplink } from "@uplink/server"; export const s = startUplink;`, IMPORTS],
  [CORE, `import { runScenario } from "@uplink/sim"; export const r = runScenario;`, IMPORTS],
  [CORE, `import { arbScenario } from "@uplink/sim/testing"; export const a = arbScenario;`, IMPORTS],
  [CORE, `import { loadConfig } from "../../server/src/config.js"; export const l = loadConfig;`, IMPORTS],
  [CORE, "export const t = Date.now();", PROPERTIES],
  [CORE, "export const r = Math.random();", PROPERTIES],
  [CORE, "export const p = performance.now();", PROPERTIES],
  [CORE, "setTimeout(() => undefined, 1);", GLOBALS],
  [CORE, "setInterval(() => undefined, 1);", GLOBALS],
  [CORE, "export const env = process.env.UPLINK_CONTACTS;", GLOBALS],
  [CORE, "export const d = new Date();", "plugin"],
  [CORE, "export const d = new Date(0);", null],
  [CORE, `import { createActor } from "xstate"; export const c = createActor;`, null],
  ["packages/core/test", "setTimeout(() => undefined, Date.now() % 2);", null],
  [HTTP, `import knex from "knex"; export const k = knex;`, IMPORTS],
  [HTTP, `import pg from "pg"; export const p = pg;`, IMPORTS],
  [
    HTTP,
    `import { KnexTelecommandRepository as K } from "../adapters/postgres/knex-telecommand-repository.js"; export const k = K;`,
    IMPORTS,
  ],
  [
    `${HTTP}/routes`,
    `import { createChangeFeed } from "../../adapters/postgres/change-feed.js"; export const c = createChangeFeed;`,
    IMPORTS,
  ],
  [
    `${HTTP}/routes`,
    `import { createDatabase } from "../../database/create-database.js"; export const c = createDatabase;`,
    IMPORTS,
  ],
  [`${HTTP}/routes`, `import { startUplink } from "../../index.js"; export const s = startUplink;`, IMPORTS],
  [HTTP, `import { parseWith } from "./schemas/parse-with.js"; export const p = parseWith;`, null],
  ["packages/server/src/adapters/postgres", `import knex from "knex"; export const k = knex;`, null],
  [SIM, `import { startUplink } from "@uplink/server"; export const s = startUplink;`, IMPORTS],
  [SIM, `import { loadConfig } from "../../server/src/config.js"; export const l = loadConfig;`, IMPORTS],
  [
    "packages/sim/test",
    `import { startUplink } from "@uplink/server"; export const s = startUplink;`,
    IMPORTS,
  ],
  [SIM, `import { createActor } from "xstate"; export const c = createActor;`, null],
];

const files = PROBES.map(([folder], i) => join(folder, `boundary-probe-${process.pid}-${i}.ts`));
let report;
try {
  files.forEach((file, i) => {
    writeFileSync(join(ROOT, file), `${PROBES[i][1]}\n`);
  });
  const biome = spawnSync("npx", ["biome", "lint", "--reporter=json", "--max-diagnostics=none", ...files], {
    cwd: ROOT,
    encoding: "utf8",
  });
  report = JSON.parse(biome.stdout);
} finally {
  for (const file of files) rmSync(join(ROOT, file), { force: true });
}

const failures = [];
files.forEach((file, i) => {
  const [, code, expected] = PROBES[i];
  const found = report.diagnostics.filter((d) => d.location?.path === file).map((d) => d.category);
  if (expected === null && found.length > 0)
    failures.push(`allowed, but flagged (${found.join(", ")}): ${file}: ${code}`);
  if (expected !== null && !found.includes(expected)) {
    failures.push(
      `crossing not caught (want ${expected}, got ${found.join(", ") || "nothing"}): ${file}: ${code}`,
    );
  }
});

// Core's sources compile without Node's types, so a Node global is a type error there too.
for (const config of ["packages/core/tsconfig.json", "packages/core/tsconfig.build.json"]) {
  const types = JSON.parse(readFileSync(join(ROOT, config), "utf8")).compilerOptions?.types;
  if (!Array.isArray(types) || types.length > 0) failures.push(`${config}: compilerOptions.types must be []`);
}

if (failures.length > 0) {
  console.error(`boundaries: ${failures.length} problem(s)\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `boundaries: ${PROBES.length} probes, every crossing caught and every allowed import let through`,
);
