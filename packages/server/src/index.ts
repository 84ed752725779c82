/**
 * @uplink/server: Uplink as a service — the Koa REST API and console, the command sender, the
 * spacecraft link (in-process simulator or HTTP), on PostgreSQL or embedded PGlite.
 *
 * @example
 * import "reflect-metadata";
 * import { loadConfig, startUplink } from "@uplink/server";
 * const uplink = await startUplink(loadConfig(["--port", "0"]));
 * console.log(uplink.url);
 * await uplink.stop();
 */

export { DownlinkPoster, type DownlinkPosterOptions, frameToWire } from "./adapters/http/downlink-poster.js";
export { HttpUplink, type HttpUplinkOptions } from "./adapters/http/http-uplink.js";
export { CryptoRandom, createRandom } from "./adapters/node/crypto-random.js";
export { SystemClock, type SystemClockOptions } from "./adapters/node/system-clock.js";
export {
  type ChangeFeed,
  type ChangeFeedOptions,
  createChangeFeed,
} from "./adapters/postgres/change-feed.js";
export { KnexCounters } from "./adapters/postgres/knex-counters.js";
export { KnexDownlinkLog, type KnexDownlinkLogOptions } from "./adapters/postgres/knex-downlink-log.js";
export {
  KnexTelecommandRepository,
  type KnexTelecommandRepositoryOptions,
} from "./adapters/postgres/knex-telecommand-repository.js";
export { InProcessDownlink, type InProcessDownlinkDeps } from "./composition/in-process-downlink.js";
export {
  type Foundations,
  registerServices,
  roleUses,
  SENDER_POLL_MS,
} from "./composition/register-services.js";
export { RuntimeStatus, type RuntimeStatusDeps } from "./composition/runtime-status.js";
export * from "./composition/tokens.js";
export { createTransitionFeed, type TransitionFeedDeps } from "./composition/transition-feed.js";
export { type RunningUplink, type StartOptions, startUplink } from "./composition-root.js";
export {
  DEFAULTS,
  ENVIRONMENT_NAMES,
  LOG_LEVELS,
  type LogLevel,
  loadConfig,
  ROLES,
  type Role,
  type UplinkConfig,
} from "./config.js";
export { createDatabase } from "./database/create-database.js";
export { DataDirectoryLockedError } from "./database/data-directory-lock.js";
export type { Database, DatabaseKind, DatabaseOptions } from "./database/database.js";
export { type MigrateOptions, migrate, migrationsPending } from "./database/migrate.js";

export { createApp } from "./http/create-app.js";
export { DEFAULT_HTTP_OPTIONS, type HttpDeps, type HttpOptions } from "./http/http-deps.js";

export { createLogger, type Logger, type LoggerOptions } from "./logging/logger.js";
export { transitionLogger } from "./logging/transition-logger.js";
export { DEFAULT_MAX_REMEMBERED, ExecutedLog, type ExecutedLogOptions } from "./spacecraft/executed-log.js";
export { DEFAULT_BLOCK_SIZE, SequenceBlocks } from "./spacecraft/sequence-blocks.js";
export {
  type RunningSpacecraft,
  type SpacecraftServiceConfig,
  type SpacecraftServiceStats,
  startSpacecraftService,
} from "./spacecraft/spacecraft-service.js";
