import { InvalidArgumentError, UnknownCommandError } from "../errors.js";
import type { CommandArgs, CommandProfile } from "../types.js";
import { type ArgumentCheck, compileArgument } from "./argument-check.js";
import { suggestCommands } from "./command-suggestions.js";
import type { CommandDefinition, Dictionary } from "./dictionary.js";
import { dictionaryVersion } from "./dictionary-version.js";

/** A submission's name and arguments as its dictionary accepted them, with defaults filled in. */
export interface CheckedCommand {
  readonly args: CommandArgs;
  /** What the stored command keeps of its entry (category, hazard, timeouts, dictionary version): one object per entry. */
  readonly profile: CommandProfile;
}

interface CompiledArgument {
  readonly name: string;
  readonly check: ArgumentCheck;
  readonly required: boolean;
  readonly defaultValue: unknown;
}

/** One command, compiled: its arguments' checks in a flat array, walked once per submission. */
export class CompiledCommand {
  private readonly arguments: readonly CompiledArgument[];
  private readonly byName: ReadonlyMap<string, CompiledArgument>;
  private readonly hasDefaults: boolean;
  readonly profile: CommandProfile;

  constructor(
    readonly definition: CommandDefinition,
    readonly dictionaryVersion: string,
  ) {
    this.arguments = Object.entries(definition.args).map(([name, argument]) => ({
      name,
      check: compileArgument(argument),
      required: argument.optional !== true && argument.default === undefined,
      defaultValue: argument.default,
    }));
    this.byName = new Map(this.arguments.map((argument) => [argument.name, argument]));
    this.hasDefaults = this.arguments.some((argument) => argument.defaultValue !== undefined);
    this.profile = Object.freeze({
      dictionaryVersion,
      category: definition.category,
      hazardous: definition.hazardous,
      acceptanceMs: definition.timeouts?.acceptanceMs ?? null,
      executionMs: definition.timeouts?.executionMs ?? null,
    });
  }

  /**
   * Checks a submission's arguments: every key known, every required one present, every value
   * of its type and range; throws an {@link InvalidArgumentError} naming the first bad one.
   */
  check(args: CommandArgs): CheckedCommand {
    let present = 0;
    let filled: Record<string, unknown> | null = null;
    for (const argument of this.arguments) {
      // Own keys only: an argument named `constructor` is not found on Object.prototype.
      const value = Object.hasOwn(args, argument.name) ? args[argument.name] : undefined;
      if (value === undefined) {
        if (argument.required)
          throw new InvalidArgumentError(argument.name, "is required", "required", this.definition.category);
        if (argument.defaultValue !== undefined) {
          filled ??= { ...args };
          filled[argument.name] = argument.defaultValue;
        }
        continue;
      }
      present++;
      const refusal = argument.check(value);
      if (refusal !== null) {
        throw new InvalidArgumentError(
          argument.name,
          refusal.message,
          refusal.rule,
          this.definition.category,
        );
      }
    }
    if (present !== Object.keys(args).length) {
      for (const key of Object.keys(args)) {
        if (!this.byName.has(key)) {
          throw new InvalidArgumentError(
            key,
            `is not an argument of ${this.definition.name}`,
            "unknown_argument",
          );
        }
      }
    }
    return {
      args: this.hasDefaults && filled !== null ? (filled as CommandArgs) : args,
      profile: this.profile,
    };
  }
}

/**
 * A dictionary compiled once into a map from name to {@link CompiledCommand}, so that checking
 * a submission costs one lookup and one pass over its arguments, whatever the dictionary's size.
 *
 * @example
 * const compiled = compileDictionary(parseDictionary(document));
 * const checked = compiled.check("SET_MODE", { mode: "SAFE" }); // defaults filled in
 */
export class CompiledDictionary {
  readonly version: string;
  readonly mission: string;
  private readonly commands: ReadonlyMap<string, CompiledCommand>;

  constructor(readonly dictionary: Dictionary) {
    this.version = dictionaryVersion(dictionary);
    this.mission = dictionary.mission;
    this.commands = new Map(
      dictionary.commands.map((command) => [command.name, new CompiledCommand(command, this.version)]),
    );
  }

  /** The compiled command of that name, or undefined. */
  command(name: string): CompiledCommand | undefined {
    return this.commands.get(name);
  }

  /** Checks a submission; an unknown name throws {@link UnknownCommandError} with close names. */
  check(name: string, args: CommandArgs): CheckedCommand {
    const command = this.commands.get(name);
    if (command === undefined) {
      throw new UnknownCommandError(name, this.mission, suggestCommands(name, this.commands.keys()));
    }
    return command.check(args);
  }
}

/** Compiles a validated dictionary (see `parseDictionary`). */
export function compileDictionary(dictionary: Dictionary): CompiledDictionary {
  return new CompiledDictionary(dictionary);
}
