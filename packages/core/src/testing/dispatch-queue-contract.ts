import { describe } from "vitest";
import { Lifecycle } from "../lifecycle/lifecycle.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import { describeRepositoryQueue } from "./repository-contract-queue.js";
import type { RepositoryParts } from "./repository-parts.js";

/** One test's queue, empty, the store its commands are inserted and moved through, and how to dispose of them. */
export interface DispatchQueueUnderTest extends ContractSubject, Pick<RepositoryParts, "queue" | "store"> {}

/** Makes an empty queue (and its store) for one test. */
export type DispatchQueueFactory = () => Promise<DispatchQueueUnderTest> | DispatchQueueUnderTest;

/** Options of {@link runDispatchQueueContract}. */
export interface DispatchQueueContractOptions {
  /**
   * The lifecycle the adapter was built with (default core's): the tests store their commands
   * in its initial state and claim from it.
   */
  readonly lifecycle?: Lifecycle;
}

/**
 * The contract of a `DispatchQueue`: claims in dispatch order under leases (a lease lives while
 * `now < until`) and per-spacecraft holds, `notBefore`, only the given statuses and spacecraft,
 * two concurrent claimers never sharing a command or a spacecraft's queue, release,
 * `spacecraftWithQueued`, `nextNotBefore` and overdue deadlines.
 *
 * @example
 * runDispatchQueueContract("InMemoryTelecommandRepository", () => {
 *   const repository = new InMemoryTelecommandRepository();
 *   return { queue: repository, store: repository };
 * });
 */
export function runDispatchQueueContract(
  name: string,
  make: DispatchQueueFactory,
  hooks: ContractHooks = {},
  options: DispatchQueueContractOptions = {},
): void {
  describe(`${name} (DispatchQueue contract)`, () => {
    const parts = useContractSubject(make, hooks);
    describeRepositoryQueue(parts, options.lifecycle ?? new Lifecycle());
  });
}
