import { describe, expect, it } from "vitest";
import { mayPerform, PERMISSIONS, type Permission } from "../../src/access/permissions.js";
import { isRole, ROLES, type Role } from "../../src/access/roles.js";

describe("the permission table (SPEC §10)", () => {
  const holds = (role: Role) => (Object.keys(PERMISSIONS) as Permission[]).filter((p) => mayPerform(role, p));

  it("gives each role what SPEC §10 says, each role above another holding all it holds", () => {
    expect(holds("viewer")).toEqual(["read"]);
    expect(holds("operator")).toEqual(["read", "operate"]);
    expect(holds("approver")).toEqual(["read", "operate", "approve"]);
    expect(holds("admin")).toEqual(["read", "operate", "approve", "administer", "downlink"]);
    expect(holds("downlink")).toEqual(["downlink"]);
  });

  it("knows its roles and nothing else", () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const other of ["Admin", "root", "", 3, null]) expect(isRole(other)).toBe(false);
  });
});
