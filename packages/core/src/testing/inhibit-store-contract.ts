import { describe, expect, it } from "vitest";
import type { InhibitStore } from "../ports/inhibit-store.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's empty inhibit store, and how to dispose of it. */
export interface InhibitStoreUnderTest extends ContractSubject {
  readonly store: InhibitStore;
  /** Another adapter over the same storage (another process); the same instance in memory. */
  readonly peer: InhibitStore;
}

export type InhibitStoreFactory = () => Promise<InhibitStoreUnderTest> | InhibitStoreUnderTest;

/**
 * The contract every {@link InhibitStore} adapter must pass (vitest): nothing inhibited at
 * first, a put read back (also by a peer), the next put replacing it whole, spacecraft
 * independent, ids compared exactly.
 *
 * @example
 * runInhibitStoreContract("InMemoryInhibitStore", () => { const s = new InMemoryInhibitStore(); return { store: s, peer: s }; });
 */
export function runInhibitStoreContract(
  name: string,
  make: InhibitStoreFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (InhibitStore contract)`, () => {
    const subject = useContractSubject(make, hooks);

    it("inhibits nothing at first", async () => {
      expect(await subject().store.get("sc-1")).toEqual({ categories: [], commands: [] });
    });

    it("reads a put back, also from a peer, and replaces it whole with the next put", async () => {
      const { store, peer } = subject();
      await store.put("sc-1", { categories: ["payload", "propulsion"], commands: ["REBOOT_OBC"] });
      expect(await peer.get("sc-1")).toEqual({
        categories: ["payload", "propulsion"],
        commands: ["REBOOT_OBC"],
      });
      await store.put("sc-1", { categories: [], commands: ["FIRE"] });
      expect(await store.get("sc-1")).toEqual({ categories: [], commands: ["FIRE"] });
      await store.put("sc-1", { categories: [], commands: [] });
      expect(await store.get("sc-1")).toEqual({ categories: [], commands: [] });
    });

    it("keeps each spacecraft's inhibits apart, ids compared exactly", async () => {
      const { store } = subject();
      await store.put("sc-1", { categories: ["power"], commands: [] });
      await store.put("SC-1", { categories: [], commands: ["PING"] });
      expect(await store.get("sc-1")).toEqual({ categories: ["power"], commands: [] });
      expect(await store.get("SC-1")).toEqual({ categories: [], commands: ["PING"] });
      expect(await store.get("sc-2")).toEqual({ categories: [], commands: [] });
    });
  });
}
