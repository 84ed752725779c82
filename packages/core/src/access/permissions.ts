import type { UserRole } from "./roles.js";

/**
 * Who may do what (SPEC §10): each permission and the roles that hold it. The server's route
 * table names one permission per route; nothing else decides access.
 */
export const PERMISSIONS = {
  /** Read commands, the fleet, telemetry, contacts, stats, live events. */
  read: ["viewer", "operator", "approver", "admin"],
  /** Submit, cancel, comment, hold and release commands. */
  operate: ["operator", "approver", "admin"],
  /** Approve and reject commands; set queue states and inhibits. */
  approve: ["approver", "admin"],
  /** Users, spacecraft, dictionaries, the audit log. */
  administer: ["admin"],
  /** Deliver downlink frames. */
  downlink: ["downlink", "admin"],
} as const satisfies Record<string, readonly UserRole[]>;

/** One of the keys of {@link PERMISSIONS}. */
export type Permission = keyof typeof PERMISSIONS;

/**
 * Whether a user of `role` holds `permission`.
 *
 * @example
 * mayPerform("operator", "operate"); // true
 * mayPerform("viewer", "operate"); // false
 */
export function mayPerform(role: UserRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}

/**
 * Every permission `role` holds, in the table's order: what the console is told it may do, so
 * that it never keeps a table of its own.
 *
 * @example
 * permissionsOf("approver"); // ["read", "operate", "approve"]
 */
export function permissionsOf(role: UserRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => mayPerform(role, permission));
}
