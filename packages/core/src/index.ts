/**
 * @uplink/core: the telecommand lifecycle, its ports, and the services built on them. Pure:
 * no I/O, no real time, no global randomness.
 */

export { mayPerform, PERMISSIONS, type Permission, permissionsOf } from "./access/permissions.js";
export { isUserRole, USER_ROLES, type UserRole } from "./access/roles.js";
export {
  type AuditEntry,
  type StoredSession,
  type StoredUser,
  USER_NAME_PATTERN,
  type User,
} from "./access/user.js";
export { InMemoryAuditLog } from "./adapters/in-memory-audit-log.js";
export { InMemoryCounters } from "./adapters/in-memory-counters.js";
export { InMemoryDictionaryStore, missionKey } from "./adapters/in-memory-dictionary-store.js";
export { InMemoryDownlinkLog } from "./adapters/in-memory-downlink-log.js";
export { InMemoryInhibitStore } from "./adapters/in-memory-inhibit-store.js";
export { InMemoryQueueStateStore } from "./adapters/in-memory-queue-state-store.js";
export { InMemorySpacecraftRegistry } from "./adapters/in-memory-spacecraft-registry.js";
export {
  type InMemoryRepositoryOptions,
  InMemoryTelecommandRepository,
} from "./adapters/in-memory-telecommand-repository.js";
export { InMemoryTelemetryArchive } from "./adapters/in-memory-telemetry-archive.js";
export { InMemoryUserStore } from "./adapters/in-memory-user-store.js";
export { InProcessEventPublisher, type TransitionListener } from "./adapters/in-process-event-publisher.js";
export { ManualClock } from "./adapters/manual-clock.js";
export { SeededRandom } from "./adapters/seeded-random.js";
export {
  type Awaitable,
  all,
  andThen,
  isPromiseLike,
  promiseOf,
  ready,
  runTask,
  type Task,
  toPromise,
  wait,
} from "./awaitable.js";
export { canonicalJson } from "./canonical-json.js";
export { changedCommand } from "./changed-command.js";
export { ALWAYS_WINDOW_END, ALWAYS_WINDOW_START, AlwaysContactPlan } from "./contacts/always-contact-plan.js";
export {
  type BuildContactPlanOptions,
  buildContactPlan,
  CONTACTS_SPEC_FORMAT,
  type ContactsSpec,
  parseContactsSpec,
  type TleResolver,
} from "./contacts/contacts-spec.js";
export { DURATION_FORMAT, parseDuration } from "./contacts/duration.js";
export { FleetContactPlan } from "./contacts/fleet-contact-plan.js";
export { PerSpacecraftContactPlan } from "./contacts/per-spacecraft-contact-plan.js";
export { type PeriodicContactOptions, PeriodicContactPlan } from "./contacts/periodic-contact-plan.js";
export { parseRfc3339 } from "./contacts/rfc3339.js";
export { type PlannedWindow, WindowListContactPlan } from "./contacts/window-list-contact-plan.js";
export {
  countAll,
  DeliveryCounter,
  type DeliveryCounts,
  type DeliveryOutcome,
  type DeliveryStats,
  deliveryCounterNames,
  deliveryStatsOf,
} from "./counters/delivery-counters.js";
export {
  SUBMISSION_COUNTERS,
  type SubmissionStats,
  submissionStatsOf,
} from "./counters/submission-counters.js";
export {
  deadlineEventOf,
  deadlineOf,
  expiryInstant,
  hasExpired,
  timeoutsOf,
} from "./decisions/deadlines.js";
export {
  byDispatchOrder,
  DEFAULT_DISPATCH_ORDER,
  type DispatchField,
  type DispatchKey,
  type DispatchOrder,
  type DispatchOrderFields,
  dispatchOrderOf,
} from "./decisions/dispatch-order.js";
export { expectedPass } from "./decisions/expected-pass.js";
export { InhibitSet, isInhibited } from "./decisions/inhibit-decision.js";
export { leaseHolds, leaseUntil } from "./decisions/leases.js";
export { queueAccepts, queueSends } from "./decisions/queue-decision.js";
export { decideTransmission, type TransmitDecision, transmitDelay } from "./decisions/transmit-decision.js";
export {
  type ArgumentCheck,
  compileArgument,
  type Refusal,
} from "./dictionary/argument-check.js";
export { editDistance, suggestCommands } from "./dictionary/command-suggestions.js";
export {
  type CheckedCommand,
  CompiledCommand,
  CompiledDictionary,
  compileDictionary,
} from "./dictionary/compile-dictionary.js";
export {
  ARGUMENT_TYPES,
  type ArgumentDefinition,
  type ArgumentType,
  type CommandDefinition,
  type CommandTimeouts,
  type Dictionary,
  TELEMETRY_TYPES,
  type TelemetryDefinition,
  type TelemetryType,
} from "./dictionary/dictionary.js";
export { DictionaryCatalog, type DictionaryCatalogOptions } from "./dictionary/dictionary-catalog.js";
export { dictionaryVersion } from "./dictionary/dictionary-version.js";
export {
  ARGUMENT_NAME_PATTERN,
  parseDictionary,
  parseDictionaryJson,
} from "./dictionary/parse-dictionary.js";
export { type CheckedSubmission, SubmissionChecks } from "./dictionary/submission-checks.js";
export { isOutsideLimit, limitsOf, type TelemetryLimit } from "./dictionary/telemetry-limits.js";
export {
  DEFAULT_DOWNLINK_OPTIONS,
  type DownlinkProcessorOptions,
  resolveDownlinkOptions,
} from "./downlink/downlink-options.js";
export { DownlinkProcessor } from "./downlink/downlink-processor.js";
export {
  type AppliedFrame,
  type DownlinkStats,
  emptyReceiveReport,
  type FrameOutcome,
  type GapRecord,
  type ReceiveReport,
  type StreamStatus,
  type TelemetrySample,
} from "./downlink/downlink-report.js";
export {
  DOWNLINK_COUNTERS,
  type DownlinkTotals,
  downlinkTotalsOf,
  savedCounts,
} from "./downlink/downlink-totals.js";
export { FrameApplier, type ReportService } from "./downlink/frame-applier.js";
export { frameFingerprint } from "./downlink/frame-fingerprint.js";
export { defaultFrameToEvent, type FrameToEvent } from "./downlink/frame-to-event.js";
export { decodeGapCursor, encodeGapCursor } from "./downlink/gap-cursor.js";
export {
  MAX_FRAME_REASON_LENGTH,
  MAX_FRAME_TOKEN_LENGTH,
  parseFrame,
  parseFrames,
} from "./downlink/parse-frame.js";
export {
  drainHeld,
  expireGaps,
  gapDeadline,
  gapSince,
  type Placement,
  putBack,
  type SequencingEffects,
  type SequencingOptions,
  type StreamState,
  sequenceFrame,
} from "./downlink/stream-sequencing.js";
export { TelemetryStore } from "./downlink/telemetry-store.js";
export * from "./errors.js";
export {
  FleetDownlink,
  type FleetReceipt,
  type FrameReceiver,
  UNKNOWN_SPACECRAFT_COUNTER,
} from "./fleet/fleet-downlink.js";
export {
  MissionNotFoundError,
  SpacecraftBusyError,
  SpacecraftExistsError,
  SpacecraftNotFoundError,
  UnknownSpacecraftError,
} from "./fleet/fleet-errors.js";
export {
  DEFAULT_FLEET_SORT,
  type FleetSort,
  type FleetSortKey,
  inMission,
  type MissionSummary,
  missionsOf,
  parseFleetSort,
  sortFleet,
} from "./fleet/fleet-query.js";
export {
  type FleetListQuery,
  FleetService,
  type FleetServiceOptions,
  type SpacecraftChange,
} from "./fleet/fleet-service.js";
export {
  HEALTH_LOOKBACK_MS,
  type Health,
  type HealthInput,
  healthOf,
  type LimitSource,
  lastEndedWindow,
  NO_LIMITS,
  type ParameterLimits,
} from "./fleet/health.js";
export {
  CHANGE_FIELDS,
  MAX_SPACECRAFT_SPEC_LENGTH,
  MAX_SPACECRAFT_TEXT_LENGTH,
  MAX_UPLINK_RATE_BPS,
  newSpacecraft,
  REGISTRATION_FIELDS,
  type Spacecraft,
  type SpacecraftChanges,
  type SpacecraftSettings,
} from "./fleet/spacecraft.js";
export {
  type ValidRegistration,
  validateChanges,
  validateRegistration,
} from "./fleet/spacecraft-validation.js";
export { InhibitCatalog, type InhibitCatalogOptions } from "./inhibits/inhibit-catalog.js";
export { type Inhibits, MAX_INHIBITS, NO_INHIBITS, parseInhibits } from "./inhibits/inhibits.js";
export {
  findJsonFault,
  type JsonFault,
  type JsonFaultOptions,
  MAX_JSON_DEPTH,
  type TextFault,
  textFault,
} from "./json-faults.js";
export { compileLifecycle, type Step, type StepTable, stepTable } from "./lifecycle/compiled-lifecycle.js";
export { defaultLifecycle } from "./lifecycle/default-lifecycle.js";
export { Lifecycle } from "./lifecycle/lifecycle.js";
export {
  defineLifecycle,
  isCancellableKind,
  isFinalKind,
  type LifecycleDefinition,
  type LifecycleEvent,
  type StandardEventType,
  type StateDefinition,
  type StateKind,
  stampFieldOf,
  type TransitionDefinition,
} from "./lifecycle/lifecycle-definition.js";
export {
  createLifecycleMachine,
  type LifecycleContext,
  type LifecycleMachine,
} from "./lifecycle/lifecycle-machine.js";
export { type CursorPosition, decodeCursor, encodeCursor } from "./list-cursor.js";
export { AUDIT_LOG, type AuditLog } from "./ports/audit-log.js";
export { CLOCK, type Clock, type TimerHandle } from "./ports/clock.js";
export { CONTACT_PLAN, type ContactPlan, isInContact } from "./ports/contact-plan.js";
export {
  COUNTERS,
  type Counters,
  type CounterValues,
  checkCounterAdd,
  MAX_COUNTER_NAME_LENGTH,
} from "./ports/counters.js";
export { DICTIONARY_STORE, type DictionaryStore, type StoredDictionary } from "./ports/dictionary-store.js";
export { DOWNLINK_GAPS, type DownlinkGaps, type GapQuery } from "./ports/downlink-gaps.js";
export {
  type AppliedCounts,
  DOWNLINK_LOG,
  type DownlinkLog,
  type FrameArrival,
  type GapCause,
  type HeldFrame,
  type StoredStream,
  type StreamHold,
  type StreamProgress,
} from "./ports/downlink-log.js";
export { EVENT_PUBLISHER, type EventPublisher } from "./ports/event-publisher.js";
export { INHIBIT_STORE, type InhibitStore } from "./ports/inhibit-store.js";
export { QUEUE_STATE_STORE, type QueueStateStore } from "./ports/queue-state-store.js";
export { RANDOM, type Random } from "./ports/random.js";
export {
  SPACECRAFT_REGISTRY,
  type SpacecraftLookup,
  type SpacecraftRegistry,
} from "./ports/spacecraft-registry.js";
export {
  type ClaimRequest,
  type CommandHistory,
  type CommandStats,
  type CommandStore,
  type DispatchQueue,
  type IdempotencyClaim,
  type IgnoredEvent,
  type InsertResult,
  type ListQuery,
  TELECOMMAND_REPOSITORY,
  type TelecommandRepository,
  type TransitionChainOutcome,
  type TransitionChange,
  type TransitionOutcome,
  type TransitionStamps,
} from "./ports/telecommand-repository.js";
export {
  TELEMETRY_ARCHIVE,
  type TelemetryArchive,
  type TelemetryPoint,
  type TelemetryRange,
  telemetryPointsOf,
} from "./ports/telemetry-archive.js";
export { UPLINK, type Uplink, type UplinkCommand, type UplinkResult } from "./ports/uplink.js";
export { USER_STORE, type UserStore } from "./ports/user-store.js";
export { QueueCatalog, type QueueCatalogOptions } from "./queues/queue-catalog.js";
export { parseQueueState, QUEUE_STATES, type QueueState } from "./queues/queue-states.js";
export {
  type CommandSender,
  type CommandSenderDeps,
  type CommandSenderStats,
  createCommandSender,
} from "./services/command-sender.js";
export {
  createGround,
  GROUND,
  type Ground,
  type GroundOptions,
  type GroundPorts,
} from "./services/create-ground.js";
export {
  type CommandSenderOptions,
  DEFAULT_SENDER_OPTIONS,
  LEASE_MARGIN_MS,
  resolveSenderOptions,
} from "./services/sender-options.js";
export {
  COMMAND_NAME_PATTERN,
  MAX_ARGS_BYTES,
  MAX_PRIORITY,
  MIN_PRIORITY,
  SPACECRAFT_ID_PATTERN,
  type ValidSubmission,
  validateSubmission,
} from "./services/submit-validation.js";
export {
  type ApplyOptions,
  type ApplyResult,
  type CancelOutcome,
  MAX_COMMENT_LENGTH,
  type SubmissionPreview,
  type SubmitResult,
  TelecommandService,
  type TelecommandServiceOptions,
} from "./services/telecommand-service.js";
export {
  createTimeoutWatcher,
  type TimeoutWatcher,
  type TimeoutWatcherDeps,
  type TimeoutWatcherOptions,
  type TimeoutWatcherStats,
} from "./services/timeout-watcher.js";
export { DEFAULT_TIMEOUTS, type Timeouts } from "./services/timeouts.js";
export * from "./types.js";
export { isUuid, uuidV7 } from "./uuid-v7.js";
