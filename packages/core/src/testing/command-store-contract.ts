import { describe } from "vitest";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import { describeRepositoryReads } from "./repository-contract-reads.js";
import { describeRepositoryWrites } from "./repository-contract-writes.js";
import type { RepositoryParts } from "./repository-parts.js";

/** One test's store, empty, the history its writes append to, and how to dispose of them. */
export interface CommandStoreUnderTest extends ContractSubject, Pick<RepositoryParts, "store" | "history"> {}

/** Makes an empty store (and its history) for one test. */
export type CommandStoreFactory = () => Promise<CommandStoreUnderTest> | CommandStoreUnderTest;

/**
 * The contract of a `CommandStore`: insert and idempotency (also under concurrency), get, list
 * (newest first, filters, cursor pages stable under inserts), compare-and-set transitions (also
 * N concurrent writers: one wins; concurrent changes each with its own compare-and-set) and
 * ignored entries, each write seen in the subject's history.
 *
 * @example
 * runCommandStoreContract("InMemoryTelecommandRepository", () => {
 *   const repository = new InMemoryTelecommandRepository();
 *   return { store: repository, history: repository };
 * });
 */
export function runCommandStoreContract(
  name: string,
  make: CommandStoreFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (CommandStore contract)`, () => {
    const parts = useContractSubject(make, hooks);
    describeRepositoryWrites(parts);
    describeRepositoryReads(parts);
  });
}
