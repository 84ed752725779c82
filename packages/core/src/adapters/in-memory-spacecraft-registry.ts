import type { Spacecraft, SpacecraftChanges } from "../fleet/spacecraft.js";
import type { SpacecraftRegistry } from "../ports/spacecraft-registry.js";
import type { Instant } from "../types.js";

/**
 * A deterministic, in-process {@link SpacecraftRegistry}: the reference adapter for the
 * contract suite, the simulator and embedders. It answers at once, so services on it stay
 * synchronous.
 *
 * @example
 * const registry = new InMemorySpacecraftRegistry();
 * registry.add(newSpacecraft("sc-1", 0));
 */
export class InMemorySpacecraftRegistry implements SpacecraftRegistry {
  private readonly byId = new Map<string, Spacecraft>();

  add(spacecraft: Spacecraft): boolean {
    if (this.byId.has(spacecraft.id)) return false;
    this.byId.set(spacecraft.id, { ...spacecraft });
    return true;
  }

  get(id: string): Spacecraft | null {
    const found = this.byId.get(id);
    return found ? { ...found } : null;
  }

  list(): Spacecraft[] {
    return [...this.byId.values()]
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((s) => ({ ...s }));
  }

  update(id: string, changes: SpacecraftChanges): Spacecraft | null {
    const found = this.byId.get(id);
    if (!found) return null;
    const next: Spacecraft = { ...found };
    for (const key of Object.keys(changes) as (keyof SpacecraftChanges)[]) {
      if (changes[key] !== undefined) Object.assign(next, { [key]: changes[key] });
    }
    this.byId.set(id, next);
    return { ...next };
  }

  remove(id: string): boolean {
    return this.byId.delete(id);
  }

  noteFrames(ids: readonly string[], at: Instant): string[] {
    const known: string[] = [];
    for (const id of new Set(ids)) {
      const found = this.byId.get(id);
      if (!found) continue;
      known.push(id);
      if (found.lastFrameAt === null || found.lastFrameAt < at)
        this.byId.set(id, { ...found, lastFrameAt: at });
    }
    return known;
  }
}
