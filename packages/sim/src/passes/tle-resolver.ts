import { readFileSync } from "node:fs";
import {
  buildContactPlan,
  ConfigError,
  type ContactPlan,
  parseContactsSpec,
  type TleResolver,
} from "@uplink/core";
import { DEFAULT_STATIONS_SPEC, type GroundStation, parseStations } from "./ground-station.js";
import { parseTle, TLE_FORMAT } from "./tle.js";
import { TlePassContactPlan, type TlePassContactPlanOptions } from "./tle-pass-contact-plan.js";

/** Where the stations and the TLE file of a `tle:` plan come from. */
export interface TleResolverOptions {
  /** `UPLINK_STATIONS` text or parsed stations (default {@link DEFAULT_STATIONS_SPEC}). */
  readonly stations?: string | readonly GroundStation[] | undefined;
  /** The variable named when the stations are bad (default `UPLINK_STATIONS`). */
  readonly stationsVariable?: string;
  /** The variable named when the TLE file is bad (default `UPLINK_CONTACTS`). */
  readonly variable?: string;
  /** Reads the TLE file (default `fs.readFileSync(path, "utf8")`). */
  readonly readFile?: (path: string) => string;
  readonly plan?: TlePassContactPlanOptions;
}

/**
 * Builds the resolver that core's `buildContactPlan` calls for `tle:PATH`: reads and parses
 * the TLE file and predicts passes over the stations with SGP4. Stations are parsed at once
 * (a bad `UPLINK_STATIONS` fails here, naming it); the file when the plan is built.
 *
 * @example
 * const plan = buildContactPlan(parseContactsSpec("tle:iss.tle"), {
 *   resolveTle: createTleResolver({ stations: process.env.UPLINK_STATIONS }),
 * });
 */
export function createTleResolver(options: TleResolverOptions = {}): TleResolver {
  const variable = options.variable ?? "UPLINK_CONTACTS";
  const stations =
    typeof options.stations === "string" || options.stations === undefined
      ? parseStations(
          options.stations ?? DEFAULT_STATIONS_SPEC,
          options.stationsVariable ?? "UPLINK_STATIONS",
        )
      : options.stations;
  const read = options.readFile ?? ((path: string) => readFileSync(path, "utf8"));
  return (path: string): ContactPlan => {
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new ConfigError(variable, TLE_FORMAT, `${variable}: cannot read TLE file ${path}: ${why}`);
    }
    return new TlePassContactPlan(parseTle(text, path, variable), stations, options.plan);
  };
}

/**
 * Builds any contact plan of SPEC §4 from its `UPLINK_CONTACTS` text, `tle:` included.
 * Throws core's `ConfigError` naming the variable at fault.
 *
 * @example
 * const plan = contactPlanFromSpec(process.env.UPLINK_CONTACTS ?? "always", { stations: process.env.UPLINK_STATIONS });
 */
export function contactPlanFromSpec(contacts: string, options: TleResolverOptions = {}): ContactPlan {
  const variable = options.variable ?? "UPLINK_CONTACTS";
  const spec = parseContactsSpec(contacts, variable);
  if (spec.kind !== "tle") return buildContactPlan(spec, { variable });
  return buildContactPlan(spec, { variable, resolveTle: createTleResolver(options) });
}
