import { type Awaitable, andThen } from "../awaitable.js";
import { InhibitedError } from "../errors.js";
import type { InhibitCatalog } from "../inhibits/inhibit-catalog.js";
import type { CommandArgs } from "../types.js";
import type { CheckedCommand, CompiledDictionary } from "./compile-dictionary.js";
import type { DictionaryCatalog } from "./dictionary-catalog.js";

/** A submission as its spacecraft's dictionary accepted it: arguments with defaults, and its profile. */
export type CheckedSubmission = CheckedCommand;

/**
 * The checks of SPEC §9 that a submission passes before it is stored: its spacecraft's mission's
 * dictionary, the command's entry there. A spacecraft whose mission has no dictionary (or that
 * has no mission) is not checked: the answer is null and the submission is stored as before.
 * Refusals throw core's typed errors (`unknown_command`, `invalid_argument`).
 *
 * @example
 * const checks = new SubmissionChecks(catalog);
 * const service = new TelecommandService(repository, clock, random, publisher, { registry, checks });
 */
export class SubmissionChecks {
  constructor(
    private readonly dictionaries: DictionaryCatalog,
    private readonly inhibits: InhibitCatalog | null = null,
  ) {}

  /**
   * Checks a submission to `spacecraftId` of `mission`: against the mission's dictionary, then
   * against the spacecraft's inhibits (by name, and by the dictionary's category), which
   * throw an {@link InhibitedError}.
   */
  check(
    spacecraftId: string,
    mission: string | null,
    name: string,
    args: CommandArgs,
  ): Awaitable<CheckedSubmission | null> {
    return andThen(this.dictionaries.compiled(mission), (compiled) => {
      const checked = checkAgainst(compiled, name, args);
      if (this.inhibits === null) return checked;
      return andThen(this.inhibits.current(spacecraftId), (set) => {
        const category = checked === null ? null : checked.profile.category;
        const by = set.reasonFor(name, category);
        if (by !== null) throw new InhibitedError(spacecraftId, name, category, by);
        return checked;
      });
    });
  }
}

function checkAgainst(
  compiled: CompiledDictionary | null,
  name: string,
  args: CommandArgs,
): CheckedSubmission | null {
  return compiled === null ? null : compiled.check(name, args);
}
