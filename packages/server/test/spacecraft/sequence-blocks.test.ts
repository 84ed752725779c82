import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SequenceBlocks } from "../../src/spacecraft/sequence-blocks.js";
import { tempDir } from "../support/server.js";

const dirs: { dispose(): void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.dispose();
});

function stateFile(): string {
  const dir = tempDir("uplink-seq-");
  dirs.push(dir);
  return join(dir.path, "nested", "seq.json");
}

describe("SequenceBlocks", () => {
  it("numbers each spacecraft's frames from 1", () => {
    const seqs = new SequenceBlocks(null);
    expect([seqs.next("sc-1"), seqs.next("sc-1"), seqs.next("sc-2"), seqs.next("sc-1")]).toEqual([
      1, 2, 1, 3,
    ]);
  });

  it("continues after the last reserved block when restarted", () => {
    const file = stateFile();
    const first = new SequenceBlocks(file, 10);
    for (let i = 0; i < 12; i++) first.next("sc-1");
    first.next("sc-2");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "sc-1": 20, "sc-2": 10 });
    // A crash here loses at most the rest of the reserved block: the ground records a gap.
    const second = new SequenceBlocks(file, 10);
    expect(second.next("sc-1")).toBe(21);
    expect(second.next("sc-2")).toBe(11);
    expect(second.next("sc-3")).toBe(1);
  });

  it("writes the file only once per block", () => {
    const file = stateFile();
    const seqs = new SequenceBlocks(file, 1000);
    seqs.next("sc-1");
    const written = readFileSync(file, "utf8");
    for (let i = 0; i < 998; i++) seqs.next("sc-1");
    expect(readFileSync(file, "utf8")).toBe(written);
    seqs.next("sc-1");
    seqs.next("sc-1");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ "sc-1": 2000 });
  });
});
