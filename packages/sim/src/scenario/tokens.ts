/**
 * The simulator's own tsyringe tokens, beside core's port tokens (CLOCK, RANDOM, UPLINK, ...):
 * the services built from the ports, the simulated parts, and one random stream per part so
 * that changing one part's draws leaves the others' unchanged.
 */
export const TELECOMMAND_SERVICE = Symbol.for("uplink.sim.TelecommandService");
export const COMMAND_SENDER = Symbol.for("uplink.sim.CommandSender");
export const DOWNLINK_PROCESSOR = Symbol.for("uplink.sim.DownlinkProcessor");
export const SIMULATED_SPACECRAFT = Symbol.for("uplink.sim.SimulatedSpacecraft");
export const UNRELIABLE_DOWNLINK = Symbol.for("uplink.sim.UnreliableDownlink");
export const TRACE_SINK = Symbol.for("uplink.sim.TraceSink");
export const SENDER_RANDOM = Symbol.for("uplink.sim.SenderRandom");
export const SPACECRAFT_RANDOM = Symbol.for("uplink.sim.SpacecraftRandom");
export const LINK_RANDOM = Symbol.for("uplink.sim.LinkRandom");
