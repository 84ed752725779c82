import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const RECORDER = fileURLToPath(new URL("./fixtures/record-modules.mjs", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "uplink-modules-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every module (file URL or path) that importing `specifier` in a fresh Node process loads. */
async function modulesLoadedBy(specifier: string): Promise<string[]> {
  const file = join(dir, `${specifier.replace(/\W+/g, "-")}.txt`);
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", RECORDER, specifier], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, UPLINK_RECORD_MODULES: file },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  expect(code, stderr).toBe(0);
  return (await readFile(file, "utf8")).split("\n").filter(Boolean);
}

const fromFastCheck = (url: string) => /[/\\]node_modules[/\\]fast-check[/\\]/.test(url);

describe("the server's entry point", () => {
  it("loads the simulated spacecraft and pass prediction without fast-check", async () => {
    const loaded = await modulesLoadedBy("@uplink/server");
    // The recorder saw the graph: the server's own entry and the simulator it uses.
    expect(loaded.some((url) => url.endsWith("/packages/server/src/index.ts"))).toBe(true);
    expect(loaded.some((url) => url.endsWith("/packages/sim/src/index.ts"))).toBe(true);
    expect(loaded.filter(fromFastCheck)).toEqual([]);
  });

  it("is told apart from @uplink/sim/testing, which does load fast-check", async () => {
    const loaded = await modulesLoadedBy("@uplink/sim/testing");
    expect(loaded.some(fromFastCheck)).toBe(true);
  });
});
