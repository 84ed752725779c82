// Sums the vitest JSON reports of every workspace into one closing line, "N passed, N failed",
// so that CI reads one figure for the whole monorepo. With --reset, removes stale reports first.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const REPORT = "test-results.json";
const workspaces = ["packages", "examples"].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [],
);

if (process.argv.includes("--reset")) {
  for (const ws of workspaces) rmSync(join(ws, REPORT), { force: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const ws of workspaces) {
  const file = join(ws, REPORT);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${ws}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
