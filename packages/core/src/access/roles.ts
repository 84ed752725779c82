/**
 * The roles of SPEC §10, each a user's one role: `viewer` reads; `operator` also submits,
 * cancels, comments, holds and releases commands; `approver` also approves, rejects, sets queue
 * states and inhibits; `admin` does everything, and manages users, spacecraft and dictionaries;
 * `downlink` only delivers frames (a ground-station gateway or `uplink spacecraft`).
 */
export const USER_ROLES = ["viewer", "operator", "approver", "admin", "downlink"] as const;

/** One of {@link USER_ROLES}. */
export type UserRole = (typeof USER_ROLES)[number];

/** Whether `value` names a role. */
export function isUserRole(value: unknown): value is UserRole {
  return typeof value === "string" && (USER_ROLES as readonly string[]).includes(value);
}
