/**
 * @uplink/core/testing: the contract suites every adapter of a core port runs, and fixtures for
 * tests. Needs vitest (an optional peer dependency of @uplink/core).
 *
 * @example
 * import { runTelecommandRepositoryContract } from "@uplink/core/testing";
 * runTelecommandRepositoryContract("MyRepository", () => ({ repository: new MyRepository() }));
 */
export { type AuditLogFactory, type AuditLogUnderTest, runAuditLogContract } from "./audit-log-contract.js";
export {
  type CommandHistoryFactory,
  type CommandHistoryUnderTest,
  runCommandHistoryContract,
} from "./command-history-contract.js";
export {
  type CommandStatsFactory,
  type CommandStatsUnderTest,
  runCommandStatsContract,
} from "./command-stats-contract.js";
export {
  type CommandStoreFactory,
  type CommandStoreUnderTest,
  runCommandStoreContract,
} from "./command-store-contract.js";
export type { ContractHooks, ContractSubject } from "./contract-harness.js";
export { type CountersFactory, type CountersUnderTest, runCountersContract } from "./counters-contract.js";
export {
  type DictionaryStoreFactory,
  type DictionaryStoreUnderTest,
  runDictionaryStoreContract,
} from "./dictionary-store-contract.js";
export {
  type DispatchQueueContractOptions,
  type DispatchQueueFactory,
  type DispatchQueueUnderTest,
  runDispatchQueueContract,
} from "./dispatch-queue-contract.js";
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
  type QueueStateStoreFactory,
  type QueueStateStoreUnderTest,
  runQueueStateStoreContract,
} from "./queue-state-store-contract.js";
export { partsOf, type RepositoryParts } from "./repository-parts.js";
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
export {
  runTelemetryArchiveContract,
  type TelemetryArchiveFactory,
  type TelemetryArchiveUnderTest,
} from "./telemetry-archive-contract.js";
export {
  runUserStoreContract,
  type UserStoreFactory,
  type UserStoreUnderTest,
} from "./user-store-contract.js";
