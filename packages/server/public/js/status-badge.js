import { h } from "./format.js";

/** Statuses the default lifecycle defines; missions may add more, shown in a neutral badge. */
const KNOWN = new Set([
  "pending_approval",
  "ready",
  "transmitted",
  "acknowledged",
  "executed",
  "failed",
  "cancelled",
]);

/** Statuses of the default lifecycle an operator may still cancel (SPEC §1, §10). */
export const CANCELLABLE_STATUSES = new Set(["pending_approval", "ready"]);

/** Final statuses of the default lifecycle. */
export const FINAL_STATUSES = new Set(["executed", "failed", "cancelled"]);

/**
 * A status as a coloured badge that also carries the status in words (colour is never alone).
 * @param {string} status
 */
export function statusBadge(status) {
  const kind = KNOWN.has(status) ? status : "other";
  return h("span", { class: `badge badge-${kind}`, "data-status": status, text: status });
}
