import { describe, expect, it } from "vitest";
import { mayPerform, PERMISSIONS, type Permission, permissionsOf } from "../../src/access/permissions.js";
import { isUserRole, USER_ROLES, type UserRole } from "../../src/access/roles.js";

describe("the permission table (SPEC §10)", () => {
  const holds = (role: UserRole) => permissionsOf(role);

  it("gives each role what SPEC §10 says, each role above another holding all it holds", () => {
    expect(holds("viewer")).toEqual(["read"]);
    expect(holds("operator")).toEqual(["read", "operate"]);
    expect(holds("approver")).toEqual(["read", "operate", "approve"]);
    expect(holds("admin")).toEqual(["read", "operate", "approve", "administer", "downlink"]);
    expect(holds("downlink")).toEqual(["downlink"]);
  });

  it("names a role's permissions exactly as mayPerform decides them, in the table's order", () => {
    for (const role of USER_ROLES) {
      const named = holds(role);
      for (const permission of Object.keys(PERMISSIONS) as Permission[])
        expect(named.includes(permission), `${role} ${permission}`).toBe(mayPerform(role, permission));
    }
  });

  it("knows its roles and nothing else", () => {
    for (const role of USER_ROLES) expect(isUserRole(role)).toBe(true);
    for (const other of ["Admin", "root", "", 3, null]) expect(isUserRole(other)).toBe(false);
  });
});
