import type { Awaitable } from "../awaitable.js";
import type { Spacecraft, SpacecraftChanges } from "../fleet/spacecraft.js";
import type { Instant } from "../types.js";

/**
 * The registered spacecraft (SPEC §8). Every method is atomic. Answers are {@link Awaitable}:
 * core's in-memory adapter answers at once (the simulator), the database with promises.
 *
 * @example
 * await registry.add({ id: "sat-7", name: "sat-7", mission: "demo", createdAt: now, contacts: null,
 *   uplinkUrl: null, uplinkRateBps: null, lastFrameAt: null }); // true
 * await registry.get("sat-7");
 */
export interface SpacecraftRegistry {
  /** Stores a new spacecraft; false (and nothing changed) when its id is taken. */
  add(spacecraft: Spacecraft): Awaitable<boolean>;
  get(id: string): Awaitable<Spacecraft | null>;
  /** Every spacecraft, oldest first (by `createdAt`, then id). */
  list(): Awaitable<Spacecraft[]>;
  /** Applies the changes it carries; null when there is no such spacecraft. */
  update(id: string, changes: SpacecraftChanges): Awaitable<Spacecraft | null>;
  /** False when there was no such spacecraft. */
  remove(id: string): Awaitable<boolean>;
  /**
   * Of `ids`, the registered ones (in the order given, each once); sets their `lastFrameAt` to
   * `at` unless it is already later. One step for the downlink: who may send, and when they did.
   */
  noteFrames(ids: readonly string[], at: Instant): Awaitable<string[]>;
}

/**
 * What a submission asks of the registry: whether its spacecraft is registered, and of which
 * mission. An adapter may answer it from a copy a little older than the registry (the server
 * caches it), so it is not for reading fields that change often, such as `lastFrameAt`.
 */
export type SpacecraftLookup = Pick<SpacecraftRegistry, "get">;

export const SPACECRAFT_REGISTRY = Symbol.for("uplink.SpacecraftRegistry");
