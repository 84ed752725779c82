/**
 * The roles of SPEC §10, each a user's one role: `viewer` reads; `operator` also submits,
 * cancels, comments, holds and releases commands; `approver` also approves, rejects, sets queue
 * states and inhibits; `admin` does everything, and manages users, spacecraft and dictionaries;
 * `downlink` only delivers frames (a ground-station gateway or `uplink spacecraft`).
 */
export const ROLES = ["viewer", "operator", "approver", "admin", "downlink"] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Whether `value` names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
