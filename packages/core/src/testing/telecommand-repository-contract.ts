import { afterAll, beforeAll, describe } from "vitest";
import type { Lifecycle } from "../lifecycle/lifecycle.js";
import type { TelecommandRepository } from "../ports/telecommand-repository.js";
import { runCommandHistoryContract } from "./command-history-contract.js";
import { runCommandStatsContract } from "./command-stats-contract.js";
import { runCommandStoreContract } from "./command-store-contract.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import { runDispatchQueueContract } from "./dispatch-queue-contract.js";
import { describeRepositoryChains } from "./repository-contract-chains.js";
import { partsOf, type RepositoryParts } from "./repository-parts.js";

/** One test's repository, empty, and how to dispose of it. */
export interface RepositoryUnderTest extends ContractSubject {
  readonly repository: TelecommandRepository;
}

/** The optional methods of {@link TelecommandRepository} that an adapter has, and its lifecycle. */
export interface RepositoryCapabilities {
  /** `transitionChain` (default true). */
  readonly transitionChain?: boolean;
  /**
   * The lifecycle the adapter was built with (default core's): the queue's tests store their
   * commands in its initial state and claim from it.
   */
  readonly lifecycle?: Lifecycle;
}

/**
 * Makes an empty repository for one test. It runs before every test: a slow adapter opens its
 * database once in `hooks.beforeAll` and only empties it here.
 */
export type RepositoryFactory = () => Promise<RepositoryUnderTest> | RepositoryUnderTest;

/**
 * The contract every {@link TelecommandRepository} adapter must pass (vitest): the suite of each
 * of its concerns on the one repository (`runCommandStoreContract`, `runDispatchQueueContract`,
 * `runCommandHistoryContract`, `runCommandStatsContract`), and `transitionChain` when the
 * adapter declares it. Each test gets
 * a fresh repository from `makeRepository`, which must treat the queued states of
 * `capabilities.lifecycle` (default: the default lifecycle's `ready`) as queued.
 *
 * @param name - the adapter's name, used as the describe title.
 * @param makeRepository - called before each test; must return an empty repository.
 * @param hooks - optional once-per-file setup and teardown (start a database, migrate it).
 * @param capabilities - which optional methods the adapter has (default: all of them); the
 *   suite checks the declaration, and runs the contract of each declared one.
 *
 * @example
 * // test/adapters/in-memory-telecommand-repository.test.ts
 * runTelecommandRepositoryContract("InMemoryTelecommandRepository", () => ({
 *   repository: new InMemoryTelecommandRepository(),
 * }));
 *
 * @example
 * // one database per file, emptied before each test
 * let db: Knex;
 * runTelecommandRepositoryContract(
 *   "KnexTelecommandRepository (PGlite)",
 *   async () => {
 *     await truncateAll(db);
 *     return { repository: new KnexTelecommandRepository(db) };
 *   },
 *   { beforeAll: async () => { db = await openMigratedDatabase(); }, afterAll: () => db.destroy() },
 * );
 */
export function runTelecommandRepositoryContract(
  name: string,
  makeRepository: RepositoryFactory,
  hooks: ContractHooks = {},
  capabilities: RepositoryCapabilities = {},
): void {
  describe(`${name} (TelecommandRepository contract)`, () => {
    // Once for the whole contract, around every concern's suite.
    if (hooks.beforeAll) beforeAll(hooks.beforeAll);
    if (hooks.afterAll) afterAll(hooks.afterAll);
    const whole = async (): Promise<RepositoryUnderTest & RepositoryParts> => {
      const subject = await makeRepository();
      return { ...subject, ...partsOf(subject.repository) };
    };
    runCommandStoreContract(name, whole);
    runDispatchQueueContract(
      name,
      whole,
      {},
      capabilities.lifecycle ? { lifecycle: capabilities.lifecycle } : {},
    );
    runCommandHistoryContract(name, whole);
    runCommandStatsContract(name, whole);
    // Chains cross the concerns: a chain of a claimed command, the counts and history it leaves.
    describe(`${name} (transitionChain)`, () => {
      const subject = useContractSubject(makeRepository);
      describeRepositoryChains(() => subject().repository, capabilities.transitionChain ?? true);
    });
  });
}
