import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AlwaysContactPlan, CONTACT_PLAN } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { ProgressBar } from "../../src/cli/progress-bar.js";
import { type CliIo, runCli } from "../../src/cli/run-cli.js";
import { hashTrace } from "../../src/trace/trace-hash.js";
import { fromJsonLines } from "../../src/trace/trace-sinks.js";

function fakeIo(isTTY = false): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let t = 0;
  return {
    out,
    err,
    stdout: { write: (s: string) => out.push(s) },
    stderr: { isTTY, columns: 100, write: (s: string) => err.push(s) },
    env: {},
    wallClock: () => (t += 1000),
  };
}

const dir = mkdtempSync(join(tmpdir(), "uplink-sim-"));
const bin = fileURLToPath(new URL("../../bin/uplink-sim.mjs", import.meta.url));

describe("uplink-sim run", () => {
  it("runs, prints a summary table, writes the SVG and the JSON summary, and exits 0", async () => {
    const io = fakeIo();
    const svg = join(dir, "a.svg");
    const json = join(dir, "a.json");
    const code = await runCli(
      ["run", "--seed", "3", "--commands", "120", "--days=0.25", "--svg", svg, "--json", json],
      io,
    );
    expect(code).toBe(0);
    const text = io.out.join("");
    expect(text).toMatch(/^uplink-sim: seed 3, 120 commands, spacecraft sc-1, contacts periodic:90m\/10m/);
    expect(text).toMatch(/executed\s+[\d,]+\s+[\d.]+%/);
    expect(text).toContain("invariants: all 20 hold");
    expect(io.err.join("")).toBe(""); // not a terminal: no progress bar
    const summary = JSON.parse(readFileSync(json, "utf8"));
    expect(summary.commands).toBe(120);
    expect(text).toContain(`hash ${summary.traceHash}`);
    // The machine's measurements beside the run's: memory and CPU time, whole numbers.
    expect(summary.peakRssMiB).toBeGreaterThan(0);
    expect(Number.isInteger(summary.cpuMs) && summary.cpuMs > 0).toBe(true);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg [\s\S]*120 commands[\s\S]*<\/svg>\n$/);
  });

  it("runs several senders and restarts of the ground, and refuses --engine, now gone", async () => {
    const io = fakeIo();
    const json = join(dir, "crashes.json");
    const args = [
      "run",
      "--seed",
      "4",
      "--commands",
      "200",
      "--days",
      "0.5",
      "--senders",
      "3",
      "--crashes",
      "2",
      "--inhibits",
      "6",
      "--approvals",
      "0.3",
      "--queues",
      "3",
      "--holds",
      "0.2",
    ];
    expect(await runCli([...args, "--json", json], io)).toBe(0);
    const summary = JSON.parse(readFileSync(json, "utf8"));
    expect(summary).toMatchObject({ senders: 3, invariants: { ok: true } });
    expect(summary.crashes).toHaveLength(2);
    expect(summary.inhibitChanges).toBe(6);
    expect(io.out.join("")).toContain("ground: 3 senders, restarted 2 times");
    expect(io.out.join("")).toMatch(
      /inhibits: 6 changes, \d+ submissions refused, \d+ queued commands failed inhibited/,
    );
    expect(summary.approvals.approved + summary.approvals.rejected).toBeGreaterThan(20);
    expect(summary.queueChanges).toBe(6);
    expect(summary.holds.held).toBeGreaterThan(5);
    expect(io.out.join("")).toMatch(/queues: 6 changes of state, \d+ submissions refused by a closed queue/);
    expect(io.out.join("")).toMatch(/approvals\s+\d+ approved\s+\d+ rejected/);
    for (const bad of [
      ["--engine", "services"],
      ["--senders", "0"],
      ["--crashes", "-1"],
      ["--inhibits", "x"],
      ["--approvals", "1.5"],
      ["--queues", "-2"],
    ]) {
      const refused = fakeIo();
      expect(await runCli(["run", "--seed", "4", "--commands", "8", "--days", "1", ...bad], refused)).toBe(2);
      expect(refused.err.join("")).toContain(bad[0] as string);
    }
  });

  it("runs with housekeeping and a dictionary file, drawing safe mode, and refuses bad ones", async () => {
    const io = fakeIo();
    const svg = join(dir, "hk.svg");
    const json = join(dir, "hk.json");
    const dictionary = fileURLToPath(new URL("../../../server/dictionaries/demo.json", import.meta.url));
    const args = ["run", "--seed", "21", "--commands", "100", "--days", "1", "--spacecraft", "demo-1,demo-2"];
    const extra = [
      "--contacts",
      "periodic:90m/15m",
      "--housekeeping",
      "30000",
      "--safe-mode-mean",
      "14400000",
    ];
    const code = await runCli(
      [...args, ...extra, "--dictionary", dictionary, "--svg", svg, "--json", json],
      io,
    );
    expect(code, io.err.join("")).toBe(0);
    expect(io.out.join("")).toMatch(/safe mode: the operators sent \d+ RECOVER commands/);
    const summary = JSON.parse(readFileSync(json, "utf8"));
    expect(summary.recovers).toBeGreaterThan(0);
    expect(summary.refusedAtSubmission).toBeGreaterThan(0);
    expect(readFileSync(svg, "utf8")).toContain("class='safe-mode'");
    for (const bad of [
      ["--housekeeping", "-5"],
      ["--dictionary", join(dir, "missing.json")],
    ]) {
      const refused = fakeIo();
      expect(await runCli([...args, ...bad], refused)).toBe(2);
      expect(refused.err.join("")).toContain(bad[0] as string);
    }
  });

  it("exits 1 naming the broken invariant, the command and the time", async () => {
    const io = fakeIo();
    const code = await runCli(["run", "--seed", "21", "--commands", "40", "--days", "0.25"], io, {
      configure: (c) => c.register(CONTACT_PLAN, { useValue: new AlwaysContactPlan() }),
    });
    expect(code).toBe(1);
    expect(io.err.join("")).toMatch(
      /^uplink-sim: invariant broken: transmit-in-contact broken by command [0-9a-f-]{36} at 2030-01-01T\d\d:\d\d:\d\d\.\d{3}Z: /,
    );
    expect(io.out.join("")).toContain("INVARIANT BROKEN: transmit-in-contact");
  });

  it.each([
    [["run", "--commands", "5", "--days", "1"], "--seed is required"],
    [["run", "--seed", "x", "--commands", "5", "--days", "1"], '--seed: "x" is not an integer'],
    [["run", "--seed", "1", "--commands", "5", "--days", "0"], "--days"],
    [["run", "--seed", "1", "--commands", "5", "--days", "1", "--loss", "2"], "--loss"],
    [["run", "--seed", "1", "--commands", "5", "--days", "1", "--bogus"], "unknown argument --bogus"],
    [["run", "--seed", "1", "--commands", "5", "--days", "1", "--contacts", "sometimes"], "UPLINK_CONTACTS"],
    [
      ["run", "--seed", "1", "--commands", "5", "--days", "1", "--contacts", "tle:/nope.tle"],
      "cannot read TLE file",
    ],
    [["fly"], "unknown command fly"],
  ])("exits 2 on bad arguments: %j", async (argv, message) => {
    const io = fakeIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err.join("")).toContain(message);
  });

  it("prints usage for --help", async () => {
    const io = fakeIo();
    expect(await runCli(["run", "--help"], io)).toBe(0);
    expect(io.out.join("")).toContain("usage: uplink-sim run --seed N --commands N --days N");
  });

  it("gives the same trace, byte for byte, in two separate processes, and another for another seed", () => {
    const run = (seed: number, name: string) => {
      const trace = join(dir, name);
      const child = spawnSync(
        process.execPath,
        [bin, "run", "--seed", String(seed), "--commands", "300", "--days", "0.5", "--trace", trace],
        {
          encoding: "utf8",
        },
      );
      expect(child.status, child.stderr).toBe(0);
      const hash = /hash ([0-9a-f]{16})/.exec(child.stdout)?.[1];
      return { text: readFileSync(trace, "utf8"), hash };
    };
    const a = run(99, "a.jsonl");
    const b = run(99, "b.jsonl");
    const c = run(100, "c.jsonl");
    expect(a.text.length).toBeGreaterThan(10_000);
    expect(b.text).toBe(a.text);
    expect(b.hash).toBe(a.hash);
    expect(hashTrace(fromJsonLines(a.text))).toBe(a.hash);
    expect(c.hash).not.toBe(a.hash);
  });
});

describe("ProgressBar", () => {
  const progress = { now: 43_200_000, start: 0, end: 86_400_000, submitted: 500, commands: 1000, events: 10 };

  it("draws in place on a terminal and ends its line", () => {
    const io = fakeIo(true);
    const bar = new ProgressBar(io.stderr, io.wallClock);
    bar.update(progress);
    bar.done();
    expect(io.err.join("")).toMatch(/^\r\[#+\.+\] {2}50% {2}day 0\.5\/1\.0 {2}500\/1,000 submitted \n$/);
  });

  it("stays silent when not on a terminal", () => {
    const io = fakeIo(false);
    const bar = new ProgressBar(io.stderr, io.wallClock);
    bar.update(progress);
    bar.done();
    expect(io.err).toEqual([]);
  });
});
