/**
 * @uplink/sim: deterministic virtual-time runs of the unchanged core services, with
 * ground-station passes, a simulated spacecraft, an unreliable downlink and invariant checks.
 */

export { EventQueue, type ScheduledEvent } from "./clock/event-queue.js";
export { VirtualClock } from "./clock/virtual-clock.js";
export {
  DEFAULT_DOWNLINK_BEHAVIOUR,
  type FrameReceiver,
  resolveDownlinkBehaviour,
  UnreliableDownlink,
  type UnreliableDownlinkOptions,
  type UnreliableDownlinkStats,
} from "./downlink/unreliable-downlink.js";
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
export {
  type FrameSink,
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
