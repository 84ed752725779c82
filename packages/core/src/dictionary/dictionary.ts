/**
 * A mission's command dictionary (SPEC §9): the commands its spacecraft accept, each with its
 * typed arguments, and the housekeeping parameters they send, with their limits.
 */

/** The type of a command argument. */
export type ArgumentType = "integer" | "float" | "string" | "boolean" | "enum" | "time";

/** The argument types, in the order the SPEC lists them. */
export const ARGUMENT_TYPES: readonly ArgumentType[] = [
  "integer",
  "float",
  "string",
  "boolean",
  "enum",
  "time",
];

/** One argument of a command. Which of the optional fields apply depends on `type`. */
export interface ArgumentDefinition {
  readonly type: ArgumentType;
  readonly description?: string;
  /** `integer`, `float`: inclusive bounds, and the unit shown to the operator. */
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  /** `string`: the longest value, and a regular expression the whole value must match. */
  readonly maxLength?: number;
  readonly pattern?: string;
  /** `enum`: the accepted values. */
  readonly values?: readonly string[];
  /** An optional argument may be left out; its `default`, if any, is then filled in. */
  readonly optional?: boolean;
  readonly default?: string | number | boolean;
}

/** Per-command timeouts that override the server's defaults. */
export interface CommandTimeouts {
  readonly acceptanceMs?: number;
  readonly executionMs?: number;
}

/** One command of a dictionary. */
export interface CommandDefinition {
  readonly name: string;
  readonly category: string;
  readonly description?: string;
  readonly hazardous: boolean;
  readonly args: Readonly<Record<string, ArgumentDefinition>>;
  readonly timeouts?: CommandTimeouts;
}

/** The type of a housekeeping parameter. */
export type TelemetryType = "integer" | "float" | "string" | "boolean" | "enum";

/** The telemetry parameter types. */
export const TELEMETRY_TYPES: readonly TelemetryType[] = ["integer", "float", "string", "boolean", "enum"];

/** One housekeeping parameter: numeric ones may have limits, `enum` ones their expected values. */
export interface TelemetryDefinition {
  readonly name: string;
  readonly type: TelemetryType;
  readonly description?: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
}

/** A whole dictionary, as validated by `parseDictionary`. */
export interface Dictionary {
  readonly mission: string;
  readonly commands: readonly CommandDefinition[];
  readonly telemetry: readonly TelemetryDefinition[];
}
