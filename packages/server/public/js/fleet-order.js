/**
 * Which spacecraft the fleet view shows, in which order: `GET /api/spacecraft`'s sort keys and
 * filters, applied in the page so that live changes land in place. Pure functions.
 */

/** The orders of `GET /api/spacecraft`'s `sort`, each with the key it compares. */
const SORT_KEYS = {
  name: (s) => (s.name || s.id).toLowerCase(),
  mission: (s) => (s.mission ?? "").toLowerCase(),
  createdAt: (s) => s.createdAt ?? "",
  lastFrameAt: (s) => s.lastFrameAt ?? "",
};

/**
 * @typedef {object} FleetOrder
 * @property {string} sort `name`, `mission`, `createdAt` or `lastFrameAt`
 * @property {boolean} descending
 * @property {string} mission "" for every mission; matched case-insensitively
 * @property {string} health "" for any health
 */

/**
 * Reads `sort` as the API spells it (`-name`); an unknown order is the default.
 * @param {string | null} text
 * @returns {{sort: string, descending: boolean}}
 */
export function parseSort(text) {
  const key = (text ?? "").replace(/^-/, "");
  if (!(key in SORT_KEYS)) return { sort: "createdAt", descending: false };
  return { sort: key, descending: (text ?? "").startsWith("-") };
}

/**
 * The spacecraft the order shows, sorted; ties, and spacecraft without the key (no mission, no
 * frame yet, which go last in both directions), by registration.
 * @param {Record<string, any>[]} fleet
 * @param {FleetOrder} order
 */
export function orderFleet(fleet, order) {
  const mission = order.mission.toLowerCase();
  const key = SORT_KEYS[order.sort] ?? SORT_KEYS.createdAt;
  const shown = fleet
    .filter((s) => mission === "" || (s.mission ?? "").toLowerCase() === mission)
    .filter((s) => order.health === "" || s.health === order.health)
    .map((s) => ({ s, k: key(s) }));
  shown.sort((a, b) => {
    if (a.k === b.k) return (a.s.createdAt ?? "") < (b.s.createdAt ?? "") ? -1 : 1;
    if (a.k === "") return 1;
    if (b.k === "") return -1;
    return (a.k < b.k ? -1 : 1) * (order.descending ? -1 : 1);
  });
  return shown.map(({ s }) => s);
}

/**
 * What decides where a spacecraft's row sits: its sort key, its mission and its health. A change
 * that leaves it the same only needs the row patched.
 * @param {Record<string, any>} s
 * @param {FleetOrder} order
 */
export function placeOf(s, order) {
  const key = SORT_KEYS[order.sort] ?? SORT_KEYS.createdAt;
  return `${key(s)}\n${(s.mission ?? "").toLowerCase()}\n${s.health}`;
}
