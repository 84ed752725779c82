import { describe, expect, it } from "vitest";
import { dictionaryVersion } from "../dictionary/dictionary-version.js";
import { parseDictionary } from "../dictionary/parse-dictionary.js";
import type { DictionaryStore, StoredDictionary } from "../ports/dictionary-store.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's empty dictionary store, and how to dispose of it. */
export interface DictionaryStoreUnderTest extends ContractSubject {
  readonly store: DictionaryStore;
  /** Another adapter over the same storage (another process); the same instance in memory. */
  readonly peer: DictionaryStore;
}

export type DictionaryStoreFactory = () => Promise<DictionaryStoreUnderTest> | DictionaryStoreUnderTest;

function entry(mission: string, commands: string[], updatedAt = 1_000): StoredDictionary {
  const dictionary = parseDictionary({
    mission,
    commands: commands.map((name) => ({
      name,
      category: "platform",
      hazardous: name.startsWith("FIRE"),
      args: { level: { type: "integer", min: 0, max: 9, unit: "V", optional: true, default: 1 } },
      timeouts: { acceptanceMs: 5_000 },
    })),
    telemetry: [{ name: "BATT_V", type: "float", unit: "V", min: 24, max: 33.5 }],
  });
  return { mission, version: dictionaryVersion(dictionary), dictionary, updatedAt };
}

/**
 * The contract every {@link DictionaryStore} adapter must pass (vitest): nothing at first, a
 * put read back whole (document, version, instant) by any case of the mission and by a peer,
 * a second put replacing the first, missions independent, and `list` sorted by mission.
 *
 * @example
 * runDictionaryStoreContract("InMemoryDictionaryStore", () => { const s = new InMemoryDictionaryStore(); return { store: s, peer: s }; });
 */
export function runDictionaryStoreContract(
  name: string,
  make: DictionaryStoreFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (DictionaryStore contract)`, () => {
    const subject = useContractSubject(make, hooks);

    it("has no dictionary at first", async () => {
      const { store } = subject();
      expect(await store.get("demo")).toBeNull();
      expect(await store.versionOf("demo")).toBeNull();
      expect(await store.list()).toEqual([]);
    });

    it("reads a put dictionary back whole, by any case of its mission, also from a peer", async () => {
      const { store, peer } = subject();
      const put = entry("Demo", ["SET_MODE", "FIRE_THRUSTER"], 1_234_567_890_123);
      await store.put(put);
      expect(await store.get("Demo")).toEqual(put);
      expect(await store.get("DEMO")).toEqual(put);
      expect(await peer.get("demo")).toEqual(put);
      expect(await peer.versionOf("dEmO")).toBe(put.version);
    });

    it("keeps the order in which a command's arguments were written (the console's form shows it)", async () => {
      const { store, peer } = subject();
      const dictionary = parseDictionary({
        mission: "demo",
        commands: [
          {
            name: "HEATER",
            category: "thermal",
            args: {
              setpoint: { type: "float", min: -20, max: 40 },
              on: { type: "boolean" },
              heater: { type: "enum", values: ["A", "B"] },
            },
          },
        ],
      });
      const put = { mission: "demo", version: dictionaryVersion(dictionary), dictionary, updatedAt: 1 };
      await store.put(put);
      for (const read of [await store.get("demo"), await peer.get("demo"), (await store.list())[0]])
        expect(Object.keys(read?.dictionary.commands[0]?.args ?? {})).toEqual(["setpoint", "on", "heater"]);
    });

    it("replaces a mission's dictionary with the next put, leaving other missions alone", async () => {
      const { store } = subject();
      const first = entry("demo", ["A"]);
      const other = entry("other", ["B"]);
      const second = entry("DEMO", ["A", "C"], 2_000);
      await store.put(first);
      await store.put(other);
      await store.put(second);
      expect(await store.get("demo")).toEqual(second);
      expect(await store.versionOf("demo")).toBe(second.version);
      expect(await store.get("other")).toEqual(other);
      expect((await store.list()).map((stored) => stored.mission)).toEqual(["DEMO", "other"]);
    });

    it("lists missions alphabetically, whatever their case", async () => {
      const { store } = subject();
      for (const mission of ["zeta", "Alpha", "beta"]) await store.put(entry(mission, ["A"]));
      expect((await store.list()).map((stored) => stored.mission)).toEqual(["Alpha", "beta", "zeta"]);
    });
  });
}
