import { ApiError, api } from "./api-client.js";

/**
 * The missions' command dictionaries (`GET /api/missions/:mission/dictionary`), read once per
 * mission and kept: a mission without one answers 404, remembered as null. `forget` drops one
 * (after a spacecraft changed mission, or an error).
 */
export class DictionaryCache {
  constructor() {
    /** @type {Map<string, Promise<Record<string, any> | null>>} */
    this.byMission = new Map();
    /** @type {Map<string, Record<string, any> | null>} */
    this.settled = new Map();
  }

  /**
   * The mission's dictionary document (`{mission, commands, telemetry}`), or null when it has none.
   * @param {string | null | undefined} mission
   * @returns {Promise<Record<string, any> | null>}
   */
  get(mission) {
    if (!mission) return Promise.resolve(null);
    const key = mission.toLowerCase();
    let pending = this.byMission.get(key);
    if (!pending) {
      pending = api.dictionary(mission).then(
        (body) => body.dictionary ?? null,
        (error) => {
          if (error instanceof ApiError && error.status === 404) return null;
          this.byMission.delete(key);
          throw error;
        },
      );
      pending.then((dictionary) => this.settled.set(key, dictionary)).catch(() => {});
      this.byMission.set(key, pending);
    }
    return pending;
  }

  /**
   * The dictionary if it has already been read; undefined when not (yet).
   * @param {string | null | undefined} mission
   */
  peek(mission) {
    if (!mission) return null;
    return this.settled.get(mission.toLowerCase());
  }

  /**
   * The unit a mission's dictionary gives a telemetry parameter, if it is known yet.
   * @param {string | null | undefined} mission
   * @param {string} parameter
   */
  unitOf(mission, parameter) {
    const dictionary = this.peek(mission);
    const entry = dictionary?.telemetry?.find((t) => t.name === parameter);
    return entry?.unit ?? null;
  }
}
