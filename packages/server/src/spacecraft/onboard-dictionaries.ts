import type { DictionaryCatalog, Spacecraft } from "@uplink/core";
import { knowsByDefault } from "@uplink/sim";

/**
 * What the in-process simulated spacecraft know on board (SPEC §3, §9): a spacecraft whose
 * mission has a dictionary knows exactly that dictionary's commands and rejects any other
 * (acceptance `success: false`); one without knows every name but those starting with
 * `UNKNOWN`, as before. Kept in step with the fleet snapshot, so that the answer is
 * synchronous, as a spacecraft's is.
 *
 * @example
 * const onboard = new OnboardDictionaries(catalog);
 * snapshot.subscribe((fleet) => void onboard.update(fleet));
 * new SimulatedSpacecraft(clock, random, sink, { knownCommands: onboard.knows });
 */
export class OnboardDictionaries {
  private names: ReadonlyMap<string, ReadonlySet<string>> = new Map();

  constructor(private readonly catalog: DictionaryCatalog) {}

  /** Reads the dictionary of each spacecraft's mission (the catalog caches them). */
  async update(fleet: readonly Spacecraft[]): Promise<void> {
    const next = new Map<string, ReadonlySet<string>>();
    for (const spacecraft of fleet) {
      const compiled = await this.catalog.compiled(spacecraft.mission);
      if (compiled) next.set(spacecraft.id, new Set(compiled.dictionary.commands.map((c) => c.name)));
    }
    this.names = next;
  }

  /** Whether a spacecraft knows a command name. */
  readonly knows = (name: string, spacecraftId: string): boolean => {
    const names = this.names.get(spacecraftId);
    return names === undefined ? knowsByDefault(name) : names.has(name);
  };
}
