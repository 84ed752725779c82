/**
 * @uplink/core: the telecommand lifecycle, its ports, and the services built on them. Pure:
 * no I/O, no real time, no global randomness.
 */
export * from "./types.js";
export * from "./errors.js";
export { canonicalJson } from "./canonical-json.js";
export { uuidV7, isUuid } from "./uuid-v7.js";

export {
  defineLifecycle,
  isFinalKind,
  stampFieldOf,
  type LifecycleDefinition,
  type LifecycleEvent,
  type StandardEventType,
  type StateDefinition,
  type StateKind,
  type TransitionDefinition,
} from "./lifecycle/lifecycle-definition.js";
export { defaultLifecycle } from "./lifecycle/default-lifecycle.js";
export { createLifecycleMachine, type LifecycleContext, type LifecycleMachine } from "./lifecycle/lifecycle-machine.js";
export { compileLifecycle, stepTable, type Step, type StepTable } from "./lifecycle/compiled-lifecycle.js";
export { Lifecycle } from "./lifecycle/lifecycle.js";

export { CLOCK, type Clock, type TimerHandle } from "./ports/clock.js";
export { RANDOM, type Random } from "./ports/random.js";
export { UPLINK, type Uplink, type UplinkCommand, type UplinkResult } from "./ports/uplink.js";
export { CONTACT_PLAN, isInContact, type ContactPlan } from "./ports/contact-plan.js";
export { EVENT_PUBLISHER, type EventPublisher } from "./ports/event-publisher.js";
export { DOWNLINK_LOG, type DownlinkLog, type FrameArrival } from "./ports/downlink-log.js";
export {
  TELECOMMAND_REPOSITORY,
  type ClaimRequest,
  type IdempotencyClaim,
  type IgnoredEvent,
  type InsertResult,
  type ListQuery,
  type TelecommandRepository,
  type TransitionChange,
  type TransitionOutcome,
} from "./ports/telecommand-repository.js";

export { ManualClock } from "./adapters/manual-clock.js";
export { SeededRandom } from "./adapters/seeded-random.js";
export {
  InMemoryTelecommandRepository,
  byDispatchOrder,
  type InMemoryRepositoryOptions,
} from "./adapters/in-memory-telecommand-repository.js";
export { InProcessEventPublisher, type TransitionListener } from "./adapters/in-process-event-publisher.js";
export { InMemoryDownlinkLog } from "./adapters/in-memory-downlink-log.js";
export { encodeCursor, decodeCursor, type CursorPosition } from "./adapters/list-cursor.js";

export {
  validateSubmission,
  COMMAND_NAME_PATTERN,
  SPACECRAFT_ID_PATTERN,
  MAX_ARGS_BYTES,
  MIN_PRIORITY,
  MAX_PRIORITY,
  type ValidSubmission,
} from "./services/submit-validation.js";
export { DEFAULT_TIMEOUTS, type Timeouts } from "./services/timeouts.js";
export {
  TelecommandService,
  type ApplyOptions,
  type ApplyResult,
  type SubmissionStats,
  type SubmitResult,
  type TelecommandServiceOptions,
} from "./services/telecommand-service.js";

export { ALWAYS_WINDOW_END, ALWAYS_WINDOW_START, AlwaysContactPlan } from "./contacts/always-contact-plan.js";
export {
  buildContactPlan,
  CONTACTS_SPEC_FORMAT,
  parseContactsSpec,
  type BuildContactPlanOptions,
  type ContactsSpec,
  type TleResolver,
} from "./contacts/contacts-spec.js";
export { DURATION_FORMAT, parseDuration } from "./contacts/duration.js";
export { PerSpacecraftContactPlan } from "./contacts/per-spacecraft-contact-plan.js";
export { PeriodicContactPlan, type PeriodicContactOptions } from "./contacts/periodic-contact-plan.js";
export { parseRfc3339 } from "./contacts/rfc3339.js";
export { type PlannedWindow, WindowListContactPlan } from "./contacts/window-list-contact-plan.js";

export { DownlinkProcessor } from "./downlink/downlink-processor.js";
export {
  DEFAULT_DOWNLINK_OPTIONS,
  resolveDownlinkOptions,
  type DownlinkProcessorOptions,
} from "./downlink/downlink-options.js";
export {
  emptyReceiveReport,
  type AppliedFrame,
  type DownlinkStats,
  type FrameOutcome,
  type GapRecord,
  type ReceiveReport,
  type StreamStatus,
  type TelemetrySample,
} from "./downlink/downlink-report.js";
export { defaultFrameToEvent, type FrameToEvent } from "./downlink/frame-to-event.js";
export { frameFingerprint } from "./downlink/frame-fingerprint.js";
export { parseFrame, parseFrames, MAX_FRAME_REASON_LENGTH, MAX_FRAME_TOKEN_LENGTH } from "./downlink/parse-frame.js";
export { TelemetryStore } from "./downlink/telemetry-store.js";

export {
  type CommandSender,
  type CommandSenderDeps,
  type CommandSenderStats,
  createCommandSender,
} from "./services/command-sender.js";
export {
  type CommandSenderOptions,
  DEFAULT_SENDER_OPTIONS,
  LEASE_MARGIN_MS,
  resolveSenderOptions,
} from "./services/sender-options.js";
export {
  createTimeoutWatcher,
  type TimeoutWatcher,
  type TimeoutWatcherDeps,
  type TimeoutWatcherOptions,
  type TimeoutWatcherStats,
} from "./services/timeout-watcher.js";
