import { ConfigError, defaultLifecycle, MAX_PRIORITY } from "@uplink/core";
import type { ScenarioConfig } from "../scenario/scenario-config.js";

/**
 * Why the fast engine cannot run a config the same way as core's services, or null when it
 * can. It mirrors the default lifecycle, core's sender without a poll, the in-memory
 * repository and downlink log, the simulated spacecraft and the unreliable link; a `configure`
 * hook (which may swap any port) or anything else those parts do not cover needs the services.
 */
export function fastEngineRefusal(config: ScenarioConfig): string | null {
  if (config.configure) return "a configure hook replaces ports only the services engine has";
  if (config.lifecycle && config.lifecycle.definition !== defaultLifecycle)
    return "the fast engine runs the default lifecycle only";
  if ((config.sender?.pollIntervalMs ?? 0) !== 0) return "the fast engine's sender does not poll";
  const processorKeys = Object.keys(config.downlinkProcessor ?? {});
  if (processorKeys.some((k) => k !== "gapTimeoutMs" && k !== "maxBuffered"))
    return "the fast engine's downlink takes gapTimeoutMs and maxBuffered only";
  const range = config.workload?.priorityRange;
  if (range !== undefined && !(Number.isInteger(range) && range >= 0 && range <= MAX_PRIORITY))
    return `the fast engine needs a whole priorityRange from 0 to ${MAX_PRIORITY}`;
  if ((config.spacecraft?.length ?? 1) > 65_535) return "the fast engine takes at most 65 535 spacecraft";
  return null;
}

/** The engine a config runs on; asking for `fast` where it cannot mirror the config is a ConfigError. */
export function chooseEngine(config: ScenarioConfig): "fast" | "services" {
  const asked = config.engine ?? "auto";
  if (asked === "services") return "services";
  const refusal = fastEngineRefusal(config);
  if (asked === "fast" && refusal !== null)
    throw new ConfigError("engine", "a config the fast engine mirrors", `engine: fast: ${refusal}`);
  if (asked !== "fast" && asked !== "auto")
    throw new ConfigError("engine", 'one of "auto", "fast", "services"');
  return refusal === null ? "fast" : "services";
}
