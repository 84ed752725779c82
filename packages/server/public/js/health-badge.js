import { h } from "./format.js";

/** SPEC §8's health values. */
const KNOWN = new Set(["nominal", "degraded", "safe", "silent", "unknown"]);

/**
 * A spacecraft's health as a badge that carries the word too (colour is never alone).
 * @param {string} health
 */
export function healthBadge(health) {
  const kind = KNOWN.has(health) ? health : "unknown";
  return h("span", { class: `badge health-${kind}`, "data-health": health, text: health });
}
