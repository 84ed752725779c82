import {
  type DictionaryCatalog,
  type LimitSource,
  limitsOf,
  missionKey,
  type ParameterLimits,
  type Spacecraft,
} from "@uplink/core";
import { knowsByDefault } from "@uplink/sim";

/**
 * The fleet's missions' dictionaries, kept at hand for the questions that must be answered at
 * once: which commands a simulated spacecraft knows on board (SPEC §3, §9), and the limits that
 * make a spacecraft's health `degraded` (SPEC §8). Kept in step with the fleet snapshot (the
 * catalog caches each dictionary per version).
 *
 * @example
 * const dictionaries = new FleetDictionaries(catalog);
 * snapshot.subscribe((fleet) => void dictionaries.update(fleet));
 * new SimulatedSpacecraft(clock, random, sink, { knownCommands: dictionaries.knows });
 */
export class FleetDictionaries {
  private names: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  private limits: ReadonlyMap<string, ReadonlyMap<string, ParameterLimits>> = new Map();

  constructor(private readonly catalog: DictionaryCatalog) {}

  /** Reads the dictionary of each spacecraft's mission. */
  async update(fleet: readonly Spacecraft[]): Promise<void> {
    const names = new Map<string, ReadonlySet<string>>();
    const limits = new Map<string, ReadonlyMap<string, ParameterLimits>>();
    for (const spacecraft of fleet) {
      const compiled = await this.catalog.compiled(spacecraft.mission);
      if (!compiled) continue;
      names.set(spacecraft.id, new Set(compiled.dictionary.commands.map((c) => c.name)));
      const key = missionKey(compiled.mission);
      if (!limits.has(key)) limits.set(key, numericLimits(compiled.dictionary));
    }
    this.names = names;
    this.limits = limits;
  }

  /**
   * Whether a simulated spacecraft knows a command: exactly its mission's dictionary's
   * commands, or, without a dictionary, every name but those starting with `UNKNOWN`.
   */
  readonly knows = (name: string, spacecraftId: string): boolean => {
    const names = this.names.get(spacecraftId);
    return names === undefined ? knowsByDefault(name) : names.has(name);
  };

  /** The numeric limits of a parameter in the spacecraft's mission's dictionary (health's `degraded`). */
  readonly limitsFor: LimitSource = (spacecraft, parameter) =>
    spacecraft.mission === null
      ? null
      : (this.limits.get(missionKey(spacecraft.mission))?.get(parameter) ?? null);
}

function numericLimits(dictionary: Parameters<typeof limitsOf>[0]): ReadonlyMap<string, ParameterLimits> {
  const numeric = new Map<string, ParameterLimits>();
  for (const [name, limit] of limitsOf(dictionary)) {
    if (limit.min === undefined && limit.max === undefined) continue;
    numeric.set(name, {
      ...(limit.min === undefined ? {} : { min: limit.min }),
      ...(limit.max === undefined ? {} : { max: limit.max }),
    });
  }
  return numeric;
}
