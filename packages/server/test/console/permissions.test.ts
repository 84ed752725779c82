import { fileURLToPath } from "node:url";
import { mayPerform, PERMISSIONS, USER_ROLES } from "@uplink/core";
import { describe, expect, it } from "vitest";

/** What the console's `public/js/permissions.js` exports (plain JS, typed here). */
interface ConsolePermissions {
  readonly PERMISSIONS: Record<string, readonly string[]>;
  mayPerform(role: string, permission: string): boolean;
}

const MODULE_URL = new URL("../../public/js/permissions.js", import.meta.url);
const consoleTable = (await import(fileURLToPath(MODULE_URL))) as ConsolePermissions;

describe("the console's permission table", () => {
  it("is core's (SPEC §10): the console hides exactly what the server refuses", () => {
    expect(consoleTable.PERMISSIONS).toEqual(PERMISSIONS);
    for (const role of USER_ROLES) {
      for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
        expect(consoleTable.mayPerform(role, permission), `${role} ${permission}`).toBe(
          mayPerform(role, permission),
        );
      }
    }
    expect(consoleTable.mayPerform("viewer", "no-such-permission")).toBe(false);
  });
});
