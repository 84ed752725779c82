import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExecutedLog } from "../../src/spacecraft/executed-log.js";
import { tempDir } from "../support/server.js";

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

describe("ExecutedLog", () => {
  const dirs: { dispose(): void }[] = [];
  const fileIn = () => {
    const dir = tempDir("uplink-executed-");
    dirs.push(dir);
    return join(dir.path, "sub", "executed.log");
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.dispose();
  });

  it("remembers recorded ids across instances, as across restarts", () => {
    const file = fileIn();
    const first = new ExecutedLog(file);
    expect(first.has("a")).toBe(false);
    first.record("a");
    first.record("b");
    first.record("a");
    expect(first.has("a")).toBe(true);
    // On disk as soon as record returns, before any close.
    expect(lines(file)).toEqual(['"a"', '"b"']);
    const second = new ExecutedLog(file);
    expect([second.has("a"), second.has("b"), second.has("c")]).toEqual([true, true, false]);
    expect(second.size).toBe(2);
  });

  it("keeps any id text, newlines and quotes included, one line each", () => {
    const file = fileIn();
    const odd = ["line\nbreak", 'quote"d', "🛰️", " "];
    const log = new ExecutedLog(file);
    for (const id of odd) log.record(id);
    expect(lines(file)).toHaveLength(odd.length);
    const again = new ExecutedLog(file);
    for (const id of odd) expect(again.has(id)).toBe(true);
  });

  it("drops a line torn by a crash, and appends cleanly after it", () => {
    const file = fileIn();
    new ExecutedLog(file).record("a");
    appendFileSync(file, '"b-half');
    const reopened = new ExecutedLog(file);
    expect([reopened.has("a"), reopened.has("b-half")]).toEqual([true, false]);
    reopened.record("c");
    expect(lines(file)).toEqual(['"a"', '"c"']);
    expect(new ExecutedLog(file).has("c")).toBe(true);
  });

  it("compacts when opened and when it holds twice its bound, keeping the newest ids", () => {
    const file = fileIn();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, ['"a"', '"a"', '"b"', '"c"', '"d"', ""].join("\n"));
    const log = new ExecutedLog(file, { maxRemembered: 3 });
    expect(lines(file)).toEqual(['"b"', '"c"', '"d"']);
    expect(log.has("a")).toBe(false);
    for (const id of ["e", "f", "g"]) log.record(id);
    // Six lines for a bound of three: not yet over twice the bound.
    expect(lines(file)).toHaveLength(6);
    log.record("h");
    expect(lines(file)).toEqual(['"f"', '"g"', '"h"']);
    expect(new ExecutedLog(file, { maxRemembered: 3 }).has("f")).toBe(true);
  });

  it("works in memory without a file", () => {
    const log = new ExecutedLog(null);
    log.record("a");
    expect(log.has("a")).toBe(true);
  });
});
