import { describe, expect, it } from "vitest";
import type { AuditLog } from "../ports/audit-log.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's empty audit log, and how to dispose of it. */
export interface AuditLogUnderTest extends ContractSubject {
  readonly log: AuditLog;
  /** Another adapter over the same storage (another process); the same instance in memory. */
  readonly peer: AuditLog;
}

export type AuditLogFactory = () => Promise<AuditLogUnderTest> | AuditLogUnderTest;

/**
 * The contract every {@link AuditLog} adapter must pass (vitest): entries read back newest
 * first (also by a peer), limited, and paged with `before`.
 *
 * @example
 * runAuditLogContract("InMemoryAuditLog", () => { const l = new InMemoryAuditLog(); return { log: l, peer: l }; });
 */
export function runAuditLogContract(name: string, make: AuditLogFactory, hooks: ContractHooks = {}): void {
  describe(`${name} (AuditLog contract)`, () => {
    const subject = useContractSubject(make, hooks);

    it("is empty at first", async () => {
      expect(await subject().log.list({ limit: 10 })).toEqual([]);
    });

    it("reads entries back newest first, from a peer too, limited and paged", async () => {
      const { log, peer } = subject();
      for (let i = 1; i <= 5; i++) {
        await log.record({
          at: 1_700_000_000_000 + i,
          actor: "admin",
          action: `a.${i}`,
          target: i === 3 ? null : `t${i}`,
        });
      }
      const all = await peer.list({ limit: 10 });
      expect(all.map((e) => e.action)).toEqual(["a.5", "a.4", "a.3", "a.2", "a.1"]);
      expect(all[2]).toMatchObject({ at: 1_700_000_000_003, actor: "admin", target: null });
      expect(new Set(all.map((e) => e.id)).size).toBe(5);
      const first = await log.list({ limit: 2 });
      expect(first.map((e) => e.action)).toEqual(["a.5", "a.4"]);
      const next = await log.list({ limit: 2, before: first[1]?.id as number });
      expect(next.map((e) => e.action)).toEqual(["a.3", "a.2"]);
    });
  });
}
