import type { UserAccounts } from "../auth/user-accounts.js";
import type { UplinkConfig } from "../config.js";
import type { Logger } from "../logging/logger.js";

/** Where the first start's admin credentials are shown: the terminal, never the logs. */
export type Announce = (text: string) => void;

const toTerminal: Announce = (text) => {
  process.stderr.write(text);
};

/**
 * The users a ground makes at start (SPEC §10): `admin` with `UPLINK_ADMIN_TOKEN` and
 * `downlink` with `UPLINK_DOWNLINK_TOKEN` (made, or updated to that token); without an admin
 * token, on a database without users, `admin` with a random password and token, both shown
 * once on the terminal. Every process on the database may run this: the first admin is made
 * by one of them only.
 */
export async function provisionUsers(
  accounts: UserAccounts,
  config: Pick<UplinkConfig, "adminToken" | "downlinkToken">,
  logger: Logger,
  announce: Announce = toTerminal,
): Promise<void> {
  if (config.adminToken !== null) {
    const made = await accounts.ensure("admin", "admin", config.adminToken);
    logger.info(`user admin ${made ? "made" : "updated"} with UPLINK_ADMIN_TOKEN`);
  }
  if (config.downlinkToken !== null) {
    const made = await accounts.ensure("downlink", "downlink", config.downlinkToken);
    logger.info(`user downlink ${made ? "made" : "updated"} with UPLINK_DOWNLINK_TOKEN`);
  }
  if (config.adminToken !== null) return;
  const first = await accounts.firstAdmin();
  if (first === null) return;
  logger.info("user admin made with a random password and token, shown once on the terminal");
  announce(
    [
      "",
      "  Uplink made the first user, admin. Keep these now: they are not shown again.",
      "    user name  admin",
      `    password   ${first.password}`,
      `    token      ${first.token}`,
      "  Sign in to the console with them, or send `Authorization: Bearer TOKEN`.",
      "  Set UPLINK_ADMIN_TOKEN to choose admin's token yourself.",
      "",
      "",
    ].join("\n"),
  );
}
