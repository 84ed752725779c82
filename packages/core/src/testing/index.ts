/**
 * @uplink/core/testing: the contract suites every adapter of a core port runs, and fixtures for
 * tests. Needs vitest (an optional peer dependency of @uplink/core).
 *
 * @example
 * import { runTelecommandRepositoryContract } from "@uplink/core/testing";
 * runTelecommandRepositoryContract("MyRepository", () => ({ repository: new MyRepository() }));
 */
export type { ContractHooks, ContractSubject } from "./contract-harness.js";
export { type CountersFactory, type CountersUnderTest, runCountersContract } from "./counters-contract.js";
export {
  type DictionaryStoreFactory,
  type DictionaryStoreUnderTest,
  runDictionaryStoreContract,
} from "./dictionary-store-contract.js";
export {
  type DownlinkGapsFactory,
  type DownlinkGapsUnderTest,
  runDownlinkGapsContract,
} from "./downlink-gaps-contract.js";
export {
  type DownlinkLogFactory,
  type DownlinkLogUnderTest,
  makeFrame,
  runDownlinkLogContract,
} from "./downlink-log-contract.js";
export {
  type InhibitStoreFactory,
  type InhibitStoreUnderTest,
  runInhibitStoreContract,
} from "./inhibit-store-contract.js";
export {
  runSpacecraftRegistryContract,
  type SpacecraftRegistryFactory,
  type SpacecraftRegistryUnderTest,
} from "./spacecraft-registry-contract.js";
export { FIXTURE_EPOCH, makeTelecommand, makeTransition } from "./telecommand-fixtures.js";
export {
  type RepositoryCapabilities,
  type RepositoryFactory,
  type RepositoryUnderTest,
  runTelecommandRepositoryContract,
} from "./telecommand-repository-contract.js";
