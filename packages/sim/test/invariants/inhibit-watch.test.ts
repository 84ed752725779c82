import { describe, expect, it } from "vitest";
import { InhibitWatch } from "../../src/invariants/inhibit-watch.js";

describe("InhibitWatch", () => {
  it("tells each command's kind apart, past the rows it made room for", () => {
    const watch = new InhibitWatch(1);
    watch.submit(0, "FIRE", "sc-1", "propulsion");
    watch.submit(1, "FIRE", "sc-2", "propulsion");
    watch.submit(2, "PING", "sc-1");
    watch.submit(3, "HEAT", "sc-1", "thermal");
    watch.submit(4, "FIRE", "sc-1", "propulsion");
    expect([0, 1, 2, 3, 4].map((row) => watch.isInhibited(row))).toEqual([false, false, false, false, false]);
    watch.set("sc-1", ["PING"], ["propulsion"]);
    expect([0, 1, 2, 3, 4].map((row) => watch.isInhibited(row))).toEqual([true, false, true, false, true]);
    watch.set("sc-1", [], []);
    watch.set("sc-2", ["FIRE"]);
    expect([0, 1, 2, 3, 4].map((row) => watch.isInhibited(row))).toEqual([false, true, false, false, false]);
  });
});
