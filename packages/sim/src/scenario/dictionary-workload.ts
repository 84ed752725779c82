import type { ArgumentDefinition, CommandArgs, CommandDefinition, Dictionary, Instant } from "@uplink/core";

/** A command the simulated operators can submit under a dictionary, with arguments it accepts. */
export interface DictionaryCommand {
  readonly name: string;
  readonly category: string;
  /** Built at submission (a `time` argument takes the submission instant). */
  args(now: Instant): CommandArgs;
}

/**
 * The commands of a dictionary that the simulated operators submit, each with a value for every
 * argument that has no default: the lowest value in range, the first of an enum, false, the
 * instant of submission, an empty string. Commands with a required string argument that must
 * match a `pattern` are left out (no value can be made up for any pattern).
 *
 * @example
 * workloadCommands(dictionary).map((c) => c.name); // ["PING", "SET_MODE", …]
 */
export function workloadCommands(dictionary: Dictionary): DictionaryCommand[] {
  const commands: DictionaryCommand[] = [];
  for (const command of dictionary.commands) {
    const required = Object.entries(command.args).filter(
      ([, a]) => a.optional !== true && a.default === undefined,
    );
    if (required.some(([, a]) => a.type === "string" && a.pattern !== undefined)) continue;
    commands.push(withArgs(command, required));
  }
  return commands;
}

function withArgs(
  command: CommandDefinition,
  required: readonly [string, ArgumentDefinition][],
): DictionaryCommand {
  const fixed: Record<string, unknown> = {};
  const times: string[] = [];
  for (const [name, argument] of required) {
    if (argument.type === "time") times.push(name);
    else fixed[name] = exampleOf(argument);
  }
  const frozen = Object.freeze(fixed) as CommandArgs;
  return {
    name: command.name,
    category: command.category,
    args: (now) => {
      if (times.length === 0) return frozen;
      const args: Record<string, unknown> = { ...fixed };
      for (const name of times) args[name] = new Date(now).toISOString();
      return args as CommandArgs;
    },
  };
}

function exampleOf(argument: ArgumentDefinition): unknown {
  switch (argument.type) {
    case "integer":
      return Math.ceil(argument.min ?? Math.min(0, argument.max ?? 0));
    case "float":
      return argument.min ?? Math.min(0, argument.max ?? 0);
    case "boolean":
      return false;
    case "enum":
      return argument.values?.[0];
    default:
      return "";
  }
}
