import { describe, expect, it } from "vitest";
import { InMemoryDictionaryStore } from "../../src/adapters/in-memory-dictionary-store.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { ready } from "../../src/awaitable.js";
import { DictionaryCatalog } from "../../src/dictionary/dictionary-catalog.js";
import { DictionaryError } from "../../src/errors.js";

const document = (commands: string[]) => ({
  mission: "demo",
  commands: commands.map((name) => ({ name, category: "platform" })),
});

describe("DictionaryCatalog", () => {
  it("validates and versions a put, and compiles it once for the submissions", () => {
    const clock = new ManualClock(0);
    const catalog = new DictionaryCatalog(new InMemoryDictionaryStore(), clock);
    const stored = catalog.put("DEMO", document(["PING"]));
    expect(stored).toMatchObject({ mission: "demo", updatedAt: 0 });
    const compiled = catalog.compiled("Demo");
    expect(compiled).not.toBeNull();
    expect(catalog.compiled("demo")).toBe(compiled);
    expect((compiled as { version: string }).version).toBe((stored as { version: string }).version);
    expect(catalog.compiled("other")).toBeNull();
    expect(catalog.compiled(null)).toBeNull();
  });

  it("keeps the previous dictionary when a put is refused", () => {
    const store = new InMemoryDictionaryStore();
    const catalog = new DictionaryCatalog(store, new ManualClock(0));
    catalog.put("demo", document(["PING"]));
    expect(() => catalog.put("demo", { mission: "demo", commands: [{ name: "X" }] })).toThrow(
      DictionaryError,
    );
    expect(() => catalog.put("demo", document(["PING", "PING"]))).toThrow("commands[1].name");
    expect(() => catalog.put("other", document(["PING"]))).toThrow("mission: names mission demo, not other");
    expect(store.get("demo")?.dictionary.commands.map((c) => c.name)).toEqual(["PING"]);
  });

  it("takes the mission from the path when the document has none", () => {
    const catalog = new DictionaryCatalog(new InMemoryDictionaryStore(), new ManualClock(0));
    expect(catalog.put("lunar", { commands: [] })).toMatchObject({ mission: "lunar" });
  });

  it("sees another process's put once its cached copy is older than refreshMs", () => {
    const clock = new ManualClock(0);
    const store = new InMemoryDictionaryStore();
    const here = new DictionaryCatalog(store, clock, { refreshMs: 1_000 });
    const there = new DictionaryCatalog(store, clock, { refreshMs: 1_000 });
    here.put("demo", document(["PING"]));
    const first = there.compiled("demo");
    here.put("demo", document(["PING", "RECOVER"]));
    expect(there.compiled("demo")).toBe(first);
    clock.advance(1_000);
    const next = ready(there.compiled("demo"));
    expect(next?.command("RECOVER")).toBeDefined();
    expect(ready(here.compiled("demo"))?.version).toBe(next?.version);
  });
});
