import { DictionaryError } from "../errors.js";
import { COMMAND_NAME_PATTERN } from "../services/submit-validation.js";
import { compileArgument } from "./argument-check.js";
import {
  ARGUMENT_TYPES,
  type ArgumentDefinition,
  type ArgumentType,
  type CommandDefinition,
  type CommandTimeouts,
  type Dictionary,
  TELEMETRY_TYPES,
  type TelemetryDefinition,
  type TelemetryType,
} from "./dictionary.js";

/** An argument's name: an identifier, so that it reads well as `args.NAME`. */
export const ARGUMENT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The longest text of any free-text field (descriptions, units, categories, patterns). */
const MAX_TEXT = 1024;

type Json = Record<string, unknown>;

/** The fields each argument type accepts, besides `type`, `description`, `optional`, `default`. */
const ARGUMENT_FIELDS: Readonly<Record<ArgumentType, readonly string[]>> = {
  integer: ["min", "max", "unit"],
  float: ["min", "max", "unit"],
  string: ["maxLength", "pattern"],
  boolean: [],
  enum: ["values"],
  time: [],
};
const COMMON_ARGUMENT_FIELDS = ["type", "description", "optional", "default"];
const TELEMETRY_FIELDS: Readonly<Record<TelemetryType, readonly string[]>> = {
  integer: ["min", "max", "unit"],
  float: ["min", "max", "unit"],
  string: [],
  boolean: [],
  enum: ["values"],
};

/**
 * Parses a dictionary's JSON text; a text that is not JSON, or a document that breaks the
 * shape, throws a {@link DictionaryError} naming `source` (the file) and the place.
 */
export function parseDictionaryJson(text: string, source?: string): Dictionary {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DictionaryError("", `is not JSON (${(error as Error).message})`, source);
  }
  return parseDictionary(document, source);
}

/**
 * Checks a whole dictionary document against SPEC §9 and returns it with its defaults
 * (`hazardous: false`, `args: {}`, `telemetry: []`). The first problem found throws a
 * {@link DictionaryError} whose `place` is a path such as `commands[3].args.duration.default`.
 *
 * @example
 * const dictionary = parseDictionary(JSON.parse(text), "demo.json");
 */
export function parseDictionary(document: unknown, source?: string): Dictionary {
  const fail = (place: string, problem: string): never => {
    throw new DictionaryError(place, problem, source);
  };
  const root = object(document, "", fail);
  onlyFields(root, ["mission", "commands", "telemetry", "description"], "", fail);
  const mission = text(root.mission, "mission", fail, true);
  if (root.description !== undefined) text(root.description, "description", fail);
  if (!Array.isArray(root.commands)) fail("commands", "must be an array");
  const names = new Set<string>();
  const commands = (root.commands as unknown[]).map((entry, index) => {
    const command = parseCommand(entry, `commands[${index}]`, fail);
    if (names.has(command.name)) fail(`commands[${index}].name`, `duplicates the command ${command.name}`);
    names.add(command.name);
    return command;
  });
  const telemetry: TelemetryDefinition[] = [];
  if (root.telemetry !== undefined) {
    if (!Array.isArray(root.telemetry)) fail("telemetry", "must be an array");
    const parameters = new Set<string>();
    (root.telemetry as unknown[]).forEach((entry, index) => {
      const parameter = parseTelemetry(entry, `telemetry[${index}]`, fail);
      if (parameters.has(parameter.name)) {
        fail(`telemetry[${index}].name`, `duplicates the parameter ${parameter.name}`);
      }
      parameters.add(parameter.name);
      telemetry.push(parameter);
    });
  }
  return { mission, commands, telemetry };
}

type Fail = (place: string, problem: string) => never;

function parseCommand(entry: unknown, place: string, fail: Fail): CommandDefinition {
  const raw = object(entry, place, fail);
  onlyFields(raw, ["name", "category", "description", "hazardous", "args", "timeouts"], place, fail);
  const name = text(raw.name, `${place}.name`, fail, true);
  if (!COMMAND_NAME_PATTERN.test(name)) fail(`${place}.name`, `must match ${COMMAND_NAME_PATTERN.source}`);
  const category = text(raw.category, `${place}.category`, fail, true);
  if (raw.hazardous !== undefined && typeof raw.hazardous !== "boolean") {
    fail(`${place}.hazardous`, "must be true or false");
  }
  const args: Record<string, ArgumentDefinition> = {};
  if (raw.args !== undefined) {
    const rawArgs = object(raw.args, `${place}.args`, fail);
    for (const [argName, definition] of Object.entries(rawArgs)) {
      if (!ARGUMENT_NAME_PATTERN.test(argName)) {
        fail(`${place}.args.${argName}`, `an argument's name must match ${ARGUMENT_NAME_PATTERN.source}`);
      }
      args[argName] = parseArgument(definition, `${place}.args.${argName}`, fail);
    }
  }
  const command: CommandDefinition = {
    name,
    category,
    hazardous: raw.hazardous === true,
    args,
    ...(raw.description === undefined
      ? {}
      : { description: text(raw.description, `${place}.description`, fail) }),
    ...(raw.timeouts === undefined
      ? {}
      : { timeouts: parseTimeouts(raw.timeouts, `${place}.timeouts`, fail) }),
  };
  return command;
}

function parseTimeouts(entry: unknown, place: string, fail: Fail): CommandTimeouts {
  const raw = object(entry, place, fail);
  onlyFields(raw, ["acceptanceMs", "executionMs"], place, fail);
  const timeouts: { acceptanceMs?: number; executionMs?: number } = {};
  for (const key of ["acceptanceMs", "executionMs"] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
      fail(`${place}.${key}`, "must be a positive integer number of milliseconds");
    }
    timeouts[key] = value as number;
  }
  return timeouts;
}

function parseArgument(entry: unknown, place: string, fail: Fail): ArgumentDefinition {
  const raw = object(entry, place, fail);
  const type = raw.type;
  if (typeof type !== "string" || !(ARGUMENT_TYPES as readonly string[]).includes(type)) {
    fail(`${place}.type`, `must be one of ${ARGUMENT_TYPES.join(", ")}`);
  }
  const argumentType = type as ArgumentType;
  onlyFields(raw, [...COMMON_ARGUMENT_FIELDS, ...ARGUMENT_FIELDS[argumentType]], place, fail, argumentType);
  const definition: { -readonly [K in keyof ArgumentDefinition]: ArgumentDefinition[K] } = {
    type: argumentType,
  };
  if (raw.description !== undefined)
    definition.description = text(raw.description, `${place}.description`, fail);
  if (raw.optional !== undefined) {
    if (typeof raw.optional !== "boolean") fail(`${place}.optional`, "must be true or false");
    definition.optional = raw.optional as boolean;
  }
  if (argumentType === "integer" || argumentType === "float") {
    Object.assign(definition, bounds(raw, place, fail, argumentType === "integer"));
    if (raw.unit !== undefined) definition.unit = text(raw.unit, `${place}.unit`, fail, true);
  }
  if (argumentType === "string") {
    if (raw.maxLength !== undefined) {
      if (typeof raw.maxLength !== "number" || !Number.isSafeInteger(raw.maxLength) || raw.maxLength < 0) {
        fail(`${place}.maxLength`, "must be a non-negative integer");
      }
      definition.maxLength = raw.maxLength as number;
    }
    if (raw.pattern !== undefined) {
      const pattern = text(raw.pattern, `${place}.pattern`, fail);
      try {
        new RegExp(pattern, "u");
      } catch {
        fail(`${place}.pattern`, "is not a valid regular expression");
      }
      definition.pattern = pattern;
    }
  }
  if (argumentType === "enum") definition.values = enumValues(raw.values, `${place}.values`, fail);
  if (raw.default !== undefined) {
    const refusal = compileArgument(definition)(raw.default);
    if (refusal !== null) fail(`${place}.default`, refusal.message);
    definition.default = raw.default as string | number | boolean;
  }
  return definition;
}

function parseTelemetry(entry: unknown, place: string, fail: Fail): TelemetryDefinition {
  const raw = object(entry, place, fail);
  const name = text(raw.name, `${place}.name`, fail, true);
  if (!ARGUMENT_NAME_PATTERN.test(name)) fail(`${place}.name`, `must match ${ARGUMENT_NAME_PATTERN.source}`);
  const type = raw.type;
  if (typeof type !== "string" || !(TELEMETRY_TYPES as readonly string[]).includes(type)) {
    fail(`${place}.type`, `must be one of ${TELEMETRY_TYPES.join(", ")}`);
  }
  const telemetryType = type as TelemetryType;
  onlyFields(
    raw,
    ["name", "type", "description", ...TELEMETRY_FIELDS[telemetryType]],
    place,
    fail,
    telemetryType,
  );
  const parameter: { -readonly [K in keyof TelemetryDefinition]: TelemetryDefinition[K] } = {
    name,
    type: telemetryType,
  };
  if (raw.description !== undefined)
    parameter.description = text(raw.description, `${place}.description`, fail);
  if (telemetryType === "integer" || telemetryType === "float") {
    Object.assign(parameter, bounds(raw, place, fail, telemetryType === "integer"));
    if (raw.unit !== undefined) parameter.unit = text(raw.unit, `${place}.unit`, fail, true);
  }
  if (telemetryType === "enum") parameter.values = enumValues(raw.values, `${place}.values`, fail);
  return parameter;
}

function bounds(raw: Json, place: string, fail: Fail, integer: boolean): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  for (const key of ["min", "max"] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) {
      fail(`${place}.${key}`, integer ? "must be an integer" : "must be a finite number");
    }
    out[key] = value as number;
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) {
    fail(`${place}.min`, `is above max (${out.min} > ${out.max})`);
  }
  return out;
}

function enumValues(value: unknown, place: string, fail: Fail): string[] {
  if (!Array.isArray(value) || value.length === 0) fail(place, "must be a non-empty array of strings");
  const seen = new Set<string>();
  (value as unknown[]).forEach((item, index) => {
    const entry = text(item, `${place}[${index}]`, fail, true);
    if (seen.has(entry)) fail(`${place}[${index}]`, `duplicates ${JSON.stringify(entry)}`);
    seen.add(entry);
  });
  return [...seen];
}

function object(value: unknown, place: string, fail: Fail): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(place, "must be a JSON object");
  }
  return value as Json;
}

function text(value: unknown, place: string, fail: Fail, required = false): string {
  if (typeof value !== "string")
    fail(place, required ? "is required and must be a string" : "must be a string");
  const string = value as string;
  if (required && string.trim() === "") fail(place, "must not be empty");
  if (string.length > MAX_TEXT) fail(place, `must be at most ${MAX_TEXT} characters`);
  return string;
}

function onlyFields(raw: Json, allowed: readonly string[], place: string, fail: Fail, type?: string): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) {
      const where = place === "" ? key : `${place}.${key}`;
      fail(where, type === undefined ? "is not a known field" : `does not apply to type ${type}`);
    }
  }
}
