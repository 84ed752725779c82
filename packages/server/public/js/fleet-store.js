/**
 * The spacecraft this tab knows (SPEC §8 wire objects), kept current by the event stream's
 * `spacecraft` and `telemetry` events. A parameter's value is replaced only by one with a higher
 * `seq`, the server's own rule, so a late or replayed event never shows an older value.
 */

/**
 * @typedef {object} FleetChange
 * @property {string[]} ids spacecraft registered or changed
 * @property {string[]} removed spacecraft removed
 * @property {boolean} reset the whole fleet was read again
 * @property {Record<string, Record<string, any>> | null} telemetry when the change is new
 *   telemetry: the parameters received, by spacecraft id
 */

export class FleetStore {
  constructor() {
    /** @type {Map<string, Record<string, any>>} */
    this.byId = new Map();
    /** @type {Set<(change: FleetChange) => void>} */
    this.listeners = new Set();
    this.loaded = false;
  }

  /** @param {(change: FleetChange) => void} listener */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @param {string} id */
  get(id) {
    return this.byId.get(id) ?? null;
  }

  /** The ids of every spacecraft known. */
  ids() {
    return this.byId.keys();
  }

  /** Every spacecraft, in registration order. */
  all() {
    return [...this.byId.values()];
  }

  /** @param {Record<string, any>[]} items */
  reset(items) {
    this.byId.clear();
    for (const spacecraft of items) this.byId.set(spacecraft.id, spacecraft);
    this.loaded = true;
    this.emit({ ids: [], removed: [], reset: true, telemetry: null });
  }

  /**
   * Takes a spacecraft from the API or the stream. Its telemetry is merged parameter by
   * parameter, so a snapshot read before a newer telemetry event does not roll values back.
   * @param {Record<string, any>} spacecraft
   */
  put(spacecraft) {
    const held = this.byId.get(spacecraft.id);
    const telemetry = { ...(spacecraft.telemetry ?? {}) };
    if (held) mergeParameters(telemetry, held.telemetry ?? {});
    const lastFrameAt = later(spacecraft.lastFrameAt ?? null, held?.lastFrameAt ?? null);
    this.byId.set(spacecraft.id, { ...spacecraft, telemetry, lastFrameAt });
    this.emit({ ids: [spacecraft.id], removed: [], reset: false, telemetry: null });
  }

  /** @param {string} id */
  remove(id) {
    if (!this.byId.delete(id)) return;
    this.emit({ ids: [], removed: [id], reset: false, telemetry: null });
  }

  /**
   * Applies an `event: telemetry`: `{spacecraftId, parameters: {NAME: {value, time, seq}}}`.
   * @param {{spacecraftId: string, parameters: Record<string, any>}} event
   */
  applyTelemetry({ spacecraftId, parameters }) {
    const held = this.byId.get(spacecraftId);
    if (held) {
      const telemetry = { ...(held.telemetry ?? {}) };
      mergeParameters(telemetry, parameters);
      let lastFrameAt = held.lastFrameAt ?? null;
      for (const sample of Object.values(parameters)) lastFrameAt = later(lastFrameAt, sample?.time ?? null);
      this.byId.set(spacecraftId, { ...held, telemetry, lastFrameAt });
    }
    this.emit({
      ids: held ? [spacecraftId] : [],
      removed: [],
      reset: false,
      telemetry: { [spacecraftId]: parameters },
    });
  }

  /** The missions of the fleet, alphabetically (case-insensitive), without repeats. */
  missions() {
    const byKey = new Map();
    for (const spacecraft of this.byId.values()) {
      if (spacecraft.mission)
        byKey.set(
          spacecraft.mission.toLowerCase(),
          byKey.get(spacecraft.mission.toLowerCase()) ?? spacecraft.mission,
        );
    }
    return [...byKey.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  }

  /** @param {FleetChange} change */
  emit(change) {
    for (const listener of this.listeners) listener(change);
  }
}

/**
 * Copies into `target` each parameter of `incoming` whose `seq` is higher than the one held.
 * @param {Record<string, any>} target
 * @param {Record<string, any>} incoming
 */
function mergeParameters(target, incoming) {
  for (const [name, sample] of Object.entries(incoming)) {
    if (!sample || typeof sample.seq !== "number") continue;
    const held = target[name];
    if (!held || typeof held.seq !== "number" || sample.seq > held.seq) target[name] = sample;
  }
}

/**
 * The later of two RFC 3339 instants (either may be null).
 * @param {string | null} a
 * @param {string | null} b
 */
function later(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
