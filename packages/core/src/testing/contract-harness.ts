import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/** What a contract suite's factory hands over for one test: the adapter and how to dispose of it. */
export interface ContractSubject {
  /** Called after the test (close a connection, drop a schema); optional. */
  readonly close?: () => Promise<void> | void;
}

/**
 * Once-per-file setup around a contract suite, for adapters that are slow to start (a database
 * started or migrated once, then emptied by the factory before each test).
 */
export interface ContractHooks {
  readonly beforeAll?: () => Promise<void> | void;
  readonly afterAll?: () => Promise<void> | void;
}

/**
 * Registers the hooks of a contract suite inside the current `describe` and returns a getter
 * for the subject of the running test: the factory runs before each test, `close` after it.
 */
export function useContractSubject<S extends ContractSubject>(
  make: () => Promise<S> | S,
  hooks: ContractHooks = {},
): () => S {
  let subject: S | null = null;
  if (hooks.beforeAll) beforeAll(hooks.beforeAll);
  if (hooks.afterAll) afterAll(hooks.afterAll);
  beforeEach(async () => {
    subject = await make();
  });
  afterEach(async () => {
    const done = subject;
    subject = null;
    await done?.close?.();
  });
  return () => {
    if (!subject) throw new Error("the contract subject is only available inside a test");
    return subject;
  };
}
