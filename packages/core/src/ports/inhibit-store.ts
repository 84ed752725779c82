import type { Awaitable } from "../awaitable.js";
import type { Inhibits } from "../inhibits/inhibits.js";

/**
 * Each spacecraft's inhibits (SPEC §9); a spacecraft never given any has none. Every method is
 * atomic. Answers are {@link Awaitable}: the in-memory adapter answers at once (the simulator),
 * the database with promises.
 *
 * @example
 * await store.put("sc-1", { categories: ["propulsion"], commands: [] });
 * await store.get("sc-1"); // { categories: ["propulsion"], commands: [] }
 */
export interface InhibitStore {
  /** Replaces the spacecraft's inhibits. */
  put(spacecraftId: string, inhibits: Inhibits): Awaitable<void>;
  /** The spacecraft's inhibits; empty lists when it has none. */
  get(spacecraftId: string): Awaitable<Inhibits>;
}

export const INHIBIT_STORE = Symbol.for("uplink.InhibitStore");
