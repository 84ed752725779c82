/**
 * @uplink/sim: deterministic virtual-time runs of core's own services (the code the server
 * runs), with ground-station passes, a simulated spacecraft, an unreliable downlink, crashes
 * of the ground, and invariant checks.
 */

export { EventQueue, type ScheduledEvent } from "./clock/event-queue.js";
export { VirtualClock } from "./clock/virtual-clock.js";
export { CompactDownlinkLog } from "./downlink/compact-downlink-log.js";
export {
  DEFAULT_DOWNLINK_BEHAVIOUR,
  type FrameReceiver,
  resolveDownlinkBehaviour,
  UnreliableDownlink,
  type UnreliableDownlinkOptions,
  type UnreliableDownlinkStats,
} from "./downlink/unreliable-downlink.js";
export { checkInvariants, type InvariantReport } from "./invariants/check-invariants.js";
export { InvariantChecker, type InvariantCheckerOptions } from "./invariants/invariant-checker.js";
export {
  describeViolation,
  INVARIANTS,
  type InvariantName,
  type Violation,
} from "./invariants/invariants.js";
export { type ElevationFunction, elevationFunction, satelliteOf } from "./passes/elevation.js";
export { type FindPassesOptions, findPasses, type Pass } from "./passes/find-passes.js";
export {
  DEFAULT_STATIONS_SPEC,
  type GroundStation,
  parseStations,
  STATIONS_FORMAT,
} from "./passes/ground-station.js";
export { parseTle, TLE_FORMAT, type TleRecord } from "./passes/tle.js";
export { TlePassContactPlan, type TlePassContactPlanOptions } from "./passes/tle-pass-contact-plan.js";
export { contactPlanFromSpec, createTleResolver, type TleResolverOptions } from "./passes/tle-resolver.js";
export { type Ground, groundPorts } from "./scenario/ground.js";
export { runScenario, type ScenarioResult } from "./scenario/run-scenario.js";
export { buildScenario, type ScenarioFoundations, type ScenarioParts } from "./scenario/scenario-builder.js";
export {
  DEFAULT_CONTACTS,
  DEFAULT_DRAIN_MS,
  DEFAULT_START,
  DEFAULT_WORKLOAD,
  MAX_CRASHES,
  MAX_SENDERS,
  type ScenarioConfig,
  type ScenarioProgress,
  type WorkloadOptions,
} from "./scenario/scenario-config.js";
export type { ScenarioSummary } from "./scenario/scenario-summary.js";
export * as simTokens from "./scenario/tokens.js";
export {
  afterExecution,
  housekeepingParameters,
  INITIAL_ONBOARD,
  nextOnboard,
  type OnboardMode,
  type OnboardState,
  RECOVER_COMMAND,
  safeModeChance,
} from "./spacecraft/housekeeping.js";
export {
  type FrameSink,
  type ModeChange,
  SimulatedSpacecraft,
  type SpacecraftEvent,
  type SpacecraftStats,
} from "./spacecraft/simulated-spacecraft.js";
export {
  DEFAULT_SPACECRAFT_OPTIONS,
  isKnown,
  type KnownCommands,
  knowsByDefault,
  resolveSpacecraftOptions,
  type SimulatedSpacecraftOptions,
} from "./spacecraft/spacecraft-options.js";
export { type AxisTick, axisTicks } from "./svg/time-axis.js";
export { TimelineSampler } from "./svg/timeline-sampler.js";
export { renderTimeline, STATUS_COLOURS, type TimelineOptions } from "./svg/timeline-svg.js";
export { hashTrace, TraceHasher } from "./trace/trace-hash.js";
export type {
  TraceApproval,
  TraceCancel,
  TraceEnd,
  TraceHeader,
  TraceHold,
  TraceMode,
  TraceQueue,
  TraceRecord,
  TraceSink,
  TraceSpacecraft,
  TraceSubmit,
  TraceTransition,
  TraceUplink,
  TraceWindow,
} from "./trace/trace-record.js";
export { fanOut, fromJsonLines, JsonLinesTrace, MemoryTrace, toJsonLines } from "./trace/trace-sinks.js";
