import { ConfigError } from "../errors.js";
import type { ContactPlan } from "../ports/contact-plan.js";
import { AlwaysContactPlan } from "./always-contact-plan.js";
import { parseDuration } from "./duration.js";
import { PeriodicContactPlan } from "./periodic-contact-plan.js";
import { parseRfc3339 } from "./rfc3339.js";
import { type PlannedWindow, WindowListContactPlan } from "./window-list-contact-plan.js";

/** What `UPLINK_CONTACTS` accepts, for error messages and help text. */
export const CONTACTS_SPEC_FORMAT =
  "always | periodic:PERIOD/DURATION[@OFFSET] (durations such as 90m, 45s, 2h, 1d, 500ms) | " +
  "windows:START/END,START/END,... (RFC 3339 instants) | tle:PATH";

/** A parsed `UPLINK_CONTACTS`: a description of a plan, built by {@link buildContactPlan}. */
export type ContactsSpec =
  | { readonly kind: "always" }
  | {
      readonly kind: "periodic";
      readonly periodMs: number;
      readonly durationMs: number;
      readonly offsetMs: number;
    }
  | { readonly kind: "windows"; readonly windows: readonly PlannedWindow[] }
  /** Passes predicted from a TLE file: orbit math is not core's, so a resolver builds it. */
  | { readonly kind: "tle"; readonly path: string };

/**
 * Parses `UPLINK_CONTACTS` (SPEC §4) into a {@link ContactsSpec}; whitespace around the text
 * and its parts is ignored, the keyword is case-insensitive. `tle:PATH` is returned as a
 * descriptor (core does no orbit math and no file I/O): the composition root hands it to
 * {@link buildContactPlan} with the simulator's resolver. Anything else throws a
 * {@link ConfigError} naming `variable` and listing what it accepts.
 *
 * @example
 * parseContactsSpec("periodic:90m/10m@5m"); // { kind: "periodic", periodMs: 5_400_000, durationMs: 600_000, offsetMs: 300_000 }
 * parseContactsSpec("windows:2030-01-01T00:00:00Z/2030-01-01T00:10:00Z");
 */
export function parseContactsSpec(text: string, variable = "UPLINK_CONTACTS"): ContactsSpec {
  const fail = (why: string): never => {
    throw new ConfigError(
      variable,
      CONTACTS_SPEC_FORMAT,
      `${variable}: ${why}; expected ${CONTACTS_SPEC_FORMAT}`,
    );
  };
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  const keyword = (colon < 0 ? trimmed : trimmed.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? "" : trimmed.slice(colon + 1).trim();
  switch (keyword) {
    case "always":
      if (colon >= 0) fail(`"always" takes no argument`);
      return { kind: "always" };
    case "periodic":
      return parsePeriodic(rest, variable, fail);
    case "windows":
      return { kind: "windows", windows: parseWindows(rest, fail) };
    case "tle":
      if (rest === "") fail("tle: needs a file path");
      return { kind: "tle", path: rest };
    default:
      return fail(`"${text}" is not a contact plan`);
  }
}

/** Builds plans that need orbit math (`tle:`); provided by the simulator, not by core. */
export type TleResolver = (path: string) => ContactPlan;

export interface BuildContactPlanOptions {
  /** Builds the plan of a `tle:PATH` spec (e.g. the simulator's SGP4 pass predictor with `UPLINK_STATIONS`). */
  readonly resolveTle?: TleResolver;
  /** The variable named in errors (default `UPLINK_CONTACTS`). */
  readonly variable?: string;
}

/**
 * Builds the contact plan a {@link ContactsSpec} describes. A `tle` spec needs
 * `options.resolveTle`; without it, a {@link ConfigError} says so.
 *
 * @example
 * const plan = buildContactPlan(parseContactsSpec(process.env.UPLINK_CONTACTS ?? "always"), { resolveTle });
 */
export function buildContactPlan(spec: ContactsSpec, options: BuildContactPlanOptions = {}): ContactPlan {
  switch (spec.kind) {
    case "always":
      return new AlwaysContactPlan();
    case "periodic":
      return new PeriodicContactPlan(spec);
    case "windows":
      return new WindowListContactPlan(spec.windows);
    case "tle": {
      if (!options.resolveTle) {
        const variable = options.variable ?? "UPLINK_CONTACTS";
        throw new ConfigError(
          variable,
          CONTACTS_SPEC_FORMAT,
          `${variable}: tle:${spec.path} needs a pass predictor (the simulator's); this program has none`,
        );
      }
      return options.resolveTle(spec.path);
    }
  }
}

function parsePeriodic(rest: string, variable: string, fail: (why: string) => never): ContactsSpec {
  const match = /^([^/@]+)\/([^/@]+)(?:@([^/@]+))?$/.exec(rest);
  if (!match) return fail(`"periodic:${rest}" is not PERIOD/DURATION[@OFFSET]`);
  const duration = (part: string, name: string): number => {
    try {
      return parseDuration(part, variable);
    } catch {
      return fail(`${name} "${part.trim()}" is not a duration`);
    }
  };
  const periodMs = duration(match[1] as string, "PERIOD");
  const durationMs = duration(match[2] as string, "DURATION");
  const offsetMs = match[3] === undefined ? 0 : duration(match[3], "OFFSET");
  if (periodMs <= 0) fail("PERIOD must be longer than 0");
  if (durationMs <= 0 || durationMs > periodMs) fail("DURATION must be longer than 0 and at most PERIOD");
  return { kind: "periodic", periodMs, durationMs, offsetMs };
}

function parseWindows(rest: string, fail: (why: string) => never): PlannedWindow[] {
  if (rest === "") return fail("windows: needs at least one START/END");
  return rest.split(",").map((pair, i) => {
    const parts = pair.split("/");
    if (parts.length !== 2) return fail(`window ${i + 1} "${pair.trim()}" is not START/END`);
    const start = parseRfc3339(parts[0] as string);
    const end = parseRfc3339(parts[1] as string);
    if (start === null)
      return fail(`window ${i + 1} START "${(parts[0] as string).trim()}" is not an RFC 3339 instant`);
    if (end === null)
      return fail(`window ${i + 1} END "${(parts[1] as string).trim()}" is not an RFC 3339 instant`);
    if (!(start < end)) return fail(`window ${i + 1} ends before it starts`);
    return { start, end };
  });
}
