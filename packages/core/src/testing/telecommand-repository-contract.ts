import { describe } from "vitest";
import { Lifecycle } from "../lifecycle/lifecycle.js";
import type { TelecommandRepository } from "../ports/telecommand-repository.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import { describeRepositoryChains } from "./repository-contract-chains.js";
import { describeRepositoryQueue } from "./repository-contract-queue.js";
import { describeRepositoryReads } from "./repository-contract-reads.js";
import { describeRepositoryWrites } from "./repository-contract-writes.js";

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
 * The contract every {@link TelecommandRepository} adapter must pass (vitest): insert and
 * idempotency (also under concurrency), get, list (newest first, filters, cursor pages stable
 * under inserts), compare-and-set transitions (also N concurrent writers: one wins), batches,
 * ignored entries, claim/release leases, queue queries, overdue deadlines, history and the
 * global event order, counts, and `transitionChain` when the adapter declares it. Each test gets
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
    const subject = useContractSubject(makeRepository, hooks);
    const repo = () => subject().repository;
    describeRepositoryWrites(repo);
    describeRepositoryReads(repo);
    describeRepositoryQueue(repo, capabilities.lifecycle ?? new Lifecycle());
    describeRepositoryChains(repo, capabilities.transitionChain ?? true);
  });
}
