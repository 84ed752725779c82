/**
 * The simulator's own tsyringe tokens, beside core's port tokens (CLOCK, RANDOM, UPLINK, ...):
 * the services built from the ports, the simulated parts, and one random stream per part so
 * that changing one part's draws leaves the others' unchanged.
 */
/** Token of core's TelecommandService. */
export const TELECOMMAND_SERVICE = Symbol.for("uplink.sim.TelecommandService");
/** Token of the ground's command senders (core's createCommandSender), an array. */
export const COMMAND_SENDERS = Symbol.for("uplink.sim.CommandSenders");
/** Token of core's DownlinkProcessor. */
export const DOWNLINK_PROCESSOR = Symbol.for("uplink.sim.DownlinkProcessor");
/** Token of the SimulatedSpacecraft behind UPLINK. */
export const SIMULATED_SPACECRAFT = Symbol.for("uplink.sim.SimulatedSpacecraft");
/** Token of the UnreliableDownlink from spacecraft to ground. */
export const UNRELIABLE_DOWNLINK = Symbol.for("uplink.sim.UnreliableDownlink");
/** Token of where trace records go. */
export const TRACE_SINK = Symbol.for("uplink.sim.TraceSink");
/** Token of one life of the ground's random stream (its senders fork theirs from it). */
export const GROUND_RANDOM = Symbol.for("uplink.sim.GroundRandom");
/** Token of the spacecraft's random stream. */
export const SPACECRAFT_RANDOM = Symbol.for("uplink.sim.SpacecraftRandom");
/** Token of the downlink's random stream. */
export const LINK_RANDOM = Symbol.for("uplink.sim.LinkRandom");
/** Token of core's QueueCatalog of one life of the ground (registered only when a run has queue states). */
export const QUEUE_CATALOG = Symbol.for("uplink.sim.QueueCatalog");
/** Token of the queue states' store, part of the world (registered only when a run has queue states). */
export const QUEUE_STORE = Symbol.for("uplink.sim.QueueStateStore");
/** Token of core's InhibitCatalog of one life of the ground (registered only when a run has inhibits). */
export const INHIBIT_CATALOG = Symbol.for("uplink.sim.InhibitCatalog");
/** Token of core's SubmissionChecks of one life of the ground (registered only when a run has inhibits). */
export const SUBMISSION_CHECKS = Symbol.for("uplink.sim.SubmissionChecks");
