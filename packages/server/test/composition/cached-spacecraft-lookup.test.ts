import { InMemorySpacecraftRegistry, ManualClock, newSpacecraft, type Spacecraft } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { CachedSpacecraftLookup } from "../../src/composition/cached-spacecraft-lookup.js";

/** The registry as a database would answer it: later, as a promise; counts the reads. */
class SlowRegistry {
  reads = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly inner: InMemorySpacecraftRegistry) {}

  get(id: string): Promise<Spacecraft | null> {
    this.reads++;
    const answer = this.inner.get(id);
    return new Promise((resolve) => this.waiting.push(() => resolve(answer)));
  }

  /** Answers every read waiting so far. */
  answer(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

function setup(refreshMs = 1_000) {
  const inner = new InMemorySpacecraftRegistry();
  const registry = new SlowRegistry(inner);
  const clock = new ManualClock(10_000);
  const lookup = new CachedSpacecraftLookup(registry, clock, refreshMs);
  const get = async (id: string) => {
    const answer = lookup.get(id);
    registry.answer();
    return answer;
  };
  return { inner, registry, clock, lookup, get };
}

describe("CachedSpacecraftLookup", () => {
  it("reads a registered spacecraft once, then answers from memory until refreshMs has passed", async () => {
    const { inner, registry, clock, get } = setup();
    inner.add(newSpacecraft("sat-7", 1, { mission: "demo" }));
    expect((await get("sat-7"))?.mission).toBe("demo");
    clock.advance(999);
    expect((await get("sat-7"))?.mission).toBe("demo");
    expect(registry.reads).toBe(1);
    // Another process changed its mission: seen once the copy is refreshMs old.
    inner.update("sat-7", { mission: "other" });
    expect((await get("sat-7"))?.mission).toBe("demo");
    clock.advance(1);
    expect((await get("sat-7"))?.mission).toBe("other");
    expect(registry.reads).toBe(2);
  });

  it("keeps no answer for an unknown id: one registered elsewhere is found at once", async () => {
    const { inner, registry, get } = setup();
    expect(await get("sat-7")).toBeNull();
    inner.add(newSpacecraft("sat-7", 1));
    expect((await get("sat-7"))?.id).toBe("sat-7");
    expect(registry.reads).toBe(2);
  });

  it("sees a removal by another process within refreshMs", async () => {
    const { inner, clock, get } = setup();
    inner.add(newSpacecraft("sat-7", 1));
    await get("sat-7");
    inner.remove("sat-7");
    clock.advance(1_000);
    expect(await get("sat-7")).toBeNull();
  });

  it("applies this process's registrations, changes and removals at once", async () => {
    const { inner, registry, clock, lookup, get } = setup();
    const sat = newSpacecraft("sat-7", 1, { mission: "demo" });
    inner.add(sat);
    lookup.note({ kind: "registered", spacecraft: sat, at: clock.now() });
    expect((await get("sat-7"))?.mission).toBe("demo");
    expect(registry.reads).toBe(0);
    const changed = inner.update("sat-7", { mission: "other" }) as Spacecraft;
    lookup.note({ kind: "changed", spacecraft: changed, at: clock.now() });
    expect((await get("sat-7"))?.mission).toBe("other");
    inner.remove("sat-7");
    lookup.note({ kind: "removed", spacecraft: changed, at: clock.now() });
    expect(await get("sat-7")).toBeNull();
    expect(registry.reads).toBe(1);
  });

  it("shares one read among lookups that miss together", async () => {
    const { inner, registry, lookup } = setup();
    inner.add(newSpacecraft("sat-7", 1));
    const answers = [lookup.get("sat-7"), lookup.get("sat-7"), lookup.get("sat-7")];
    registry.answer();
    expect((await Promise.all(answers)).map((s) => s?.id)).toEqual(["sat-7", "sat-7", "sat-7"]);
    expect(registry.reads).toBe(1);
  });

  it("does not keep what a read begun before a removal found", async () => {
    const { inner, registry, clock, lookup, get } = setup();
    const sat = newSpacecraft("sat-7", 1);
    inner.add(sat);
    const before = lookup.get("sat-7");
    inner.remove("sat-7");
    lookup.note({ kind: "removed", spacecraft: sat, at: clock.now() });
    // A lookup after the removal does not join the read begun before it.
    const after = lookup.get("sat-7");
    registry.answer();
    expect((await before)?.id).toBe("sat-7");
    expect(await after).toBeNull();
    expect(await get("sat-7")).toBeNull();
    expect(registry.reads).toBe(3);
  });

  it("passes a failed read on and keeps nothing of it", async () => {
    const clock = new ManualClock(0);
    let fail = true;
    const registry = {
      get: async (id: string) => {
        if (fail) throw new Error("database down");
        return newSpacecraft(id, 1);
      },
    };
    const lookup = new CachedSpacecraftLookup(registry, clock);
    await expect(lookup.get("sat-7")).rejects.toThrow("database down");
    fail = false;
    expect((await lookup.get("sat-7"))?.id).toBe("sat-7");
  });
});
