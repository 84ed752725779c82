import { describe, expect, it } from "vitest";
import type { QueueStateStore } from "../ports/queue-state-store.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's empty queue state store, and how to dispose of it. */
export interface QueueStateStoreUnderTest extends ContractSubject {
  readonly store: QueueStateStore;
  /** Another adapter over the same storage (another process); the same instance in memory. */
  readonly peer: QueueStateStore;
}

export type QueueStateStoreFactory = () => Promise<QueueStateStoreUnderTest> | QueueStateStoreUnderTest;

/**
 * The contract every {@link QueueStateStore} adapter must pass (vitest): a queue is open until
 * set, the last state set is read back (also by a peer), spacecraft do not share states.
 *
 * @example
 * runQueueStateStoreContract("InMemoryQueueStateStore", () => { const s = new InMemoryQueueStateStore(); return { store: s, peer: s }; });
 */
export function runQueueStateStoreContract(
  name: string,
  make: QueueStateStoreFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (QueueStateStore contract)`, () => {
    const subject = useContractSubject(make, hooks);

    it("answers open for a spacecraft never set", async () => {
      expect(await subject().store.get("sc-1")).toBe("open");
    });

    it("reads back the last state set, per spacecraft, also through a peer", async () => {
      const { store, peer } = subject();
      await store.put("sc-1", "held");
      await store.put("sc-2", "closed");
      expect(await peer.get("sc-1")).toBe("held");
      expect(await peer.get("sc-2")).toBe("closed");
      await peer.put("sc-1", "open");
      expect(await store.get("sc-1")).toBe("open");
      expect(await store.get("sc-2")).toBe("closed");
      expect(await store.get("SC-2")).toBe("open");
    });
  });
}
