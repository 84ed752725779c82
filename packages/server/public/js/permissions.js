/**
 * Who may do what (SPEC §10): core's `PERMISSIONS` table, for the console to offer only the
 * actions the signed-in role may take. The server decides; this only hides what it would refuse
 * (test/console/permissions.test.ts keeps the two tables equal).
 */
export const PERMISSIONS = {
  read: ["viewer", "operator", "approver", "admin"],
  operate: ["operator", "approver", "admin"],
  approve: ["approver", "admin"],
  administer: ["admin"],
  downlink: ["downlink", "admin"],
};

/**
 * Whether a user of `role` holds `permission`.
 * @param {string} role
 * @param {keyof typeof PERMISSIONS} permission
 */
export function mayPerform(role, permission) {
  return PERMISSIONS[permission]?.includes(role) ?? false;
}
