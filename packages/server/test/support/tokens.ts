import type { UserRole } from "@uplink/core";

/**
 * The tokens tests sign in with: one user per role, each named after its role. Process tests
 * start servers with the admin's and the downlink's (`UPLINK_ADMIN_TOKEN`,
 * `UPLINK_DOWNLINK_TOKEN`, see `FAST_ENV`); the HTTP harness makes all five.
 */
export const TEST_TOKENS: Readonly<Record<UserRole, string>> = {
  admin: "test-admin-token-0000000000000000000000",
  viewer: "test-viewer-token-000000000000000000000",
  operator: "test-operator-token-00000000000000000",
  approver: "test-approver-token-00000000000000000",
  downlink: "test-downlink-token-0000000000000000",
};

/** The `Authorization` header of a test user (default the admin). */
export function bearer(role: UserRole = "admin"): { readonly authorization: string } {
  return { authorization: `Bearer ${TEST_TOKENS[role]}` };
}
