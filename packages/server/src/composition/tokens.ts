/**
 * The server's own tsyringe tokens, beside core's port tokens (CLOCK, RANDOM, UPLINK, ...):
 * the things only the server has (configuration, logger, database, change feed) and the
 * services built from the ports.
 */
export const CONFIG = Symbol.for("uplink.server.Config");
export const LOGGER = Symbol.for("uplink.server.Logger");
export const DATABASE = Symbol.for("uplink.server.Database");
export const CHANGE_FEED = Symbol.for("uplink.server.ChangeFeed");
export const METRICS_REGISTRY = Symbol.for("uplink.server.MetricsRegistry");
export const TELECOMMAND_SERVICE = Symbol.for("uplink.server.TelecommandService");
export const DOWNLINK_PROCESSOR = Symbol.for("uplink.server.DownlinkProcessor");
export const IN_PROCESS_DOWNLINK = Symbol.for("uplink.server.InProcessDownlink");
export const SIMULATED_SPACECRAFT = Symbol.for("uplink.server.SimulatedSpacecraft");
export const COMMAND_SENDER = Symbol.for("uplink.server.CommandSender");
export const RUNTIME_STATUS = Symbol.for("uplink.server.RuntimeStatus");
export const TRANSITION_FEED = Symbol.for("uplink.server.TransitionFeed");
export const FLEET_SERVICE = Symbol.for("uplink.server.FleetService");
export const FLEET_DOWNLINK = Symbol.for("uplink.server.FleetDownlink");
export const FLEET_SNAPSHOT = Symbol.for("uplink.server.FleetSnapshot");
/** The fleet's live events of `GET /api/events` (`FleetFeed`). */
export const FLEET_EVENTS = Symbol.for("uplink.server.FleetEvents");
/** The registry as submissions ask it: a cached {@link SPACECRAFT_REGISTRY}. */
export const SPACECRAFT_LOOKUP = Symbol.for("uplink.server.SpacecraftLookup");
export const DICTIONARY_CATALOG = Symbol.for("uplink.server.DictionaryCatalog");
export const INHIBIT_CATALOG = Symbol.for("uplink.server.InhibitCatalog");
/** The spacecraft's queue states (core's `QueueCatalog`), which submissions and senders obey. */
export const QUEUE_CATALOG = Symbol.for("uplink.server.QueueCatalog");
/** The dictionary and inhibit checks of a submission, built from the two catalogs. */
export const SUBMISSION_CHECKS = Symbol.for("uplink.server.SubmissionChecks");
/** A core `LimitSource`: the parameters' limits that make a spacecraft `degraded` (none unless registered). */
export const HEALTH_LIMITS = Symbol.for("uplink.server.HealthLimits");
/** The fleet's missions' dictionaries at hand: commands known on board, health limits (`FleetDictionaries`). */
export const FLEET_DICTIONARIES = Symbol.for("uplink.server.FleetDictionaries");
/** The server's `UserAccounts`: users, tokens and sessions (SPEC §10). */
export const USER_ACCOUNTS = Symbol.for("uplink.server.UserAccounts");
