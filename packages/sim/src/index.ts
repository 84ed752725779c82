/**
 * @uplink/sim: deterministic virtual-time runs of the unchanged core services, with
 * ground-station passes, a simulated spacecraft, an unreliable downlink and invariant checks.
 */

export { EventQueue, type ScheduledEvent } from "./clock/event-queue.js";
export { VirtualClock } from "./clock/virtual-clock.js";
