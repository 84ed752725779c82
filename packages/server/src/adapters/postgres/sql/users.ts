import type { StoredSession, StoredUser, UserRole } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

interface UserRow {
  name: string;
  role: string;
  token_hash: string;
  password_hash: string | null;
  created_at: string | number;
}

const COLUMNS = "name, role, token_hash, password_hash, created_at";

function toUser(row: UserRow): StoredUser {
  return {
    name: row.name,
    role: row.role as UserRole,
    tokenHash: row.token_hash,
    passwordHash: row.password_hash,
    createdAt: Number(row.created_at),
  };
}

function values(user: StoredUser): (string | number | null)[] {
  return [user.name, user.role, user.tokenHash, user.passwordHash, user.createdAt];
}

/** Inserts the user unless its name or token hash is taken; answers whether it did. */
export async function insertUser(runner: Runner, user: StoredUser): Promise<boolean> {
  const rows = await queryRows<{ name: string }>(
    runner,
    `INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING name`,
    values(user),
  );
  return rows.length === 1;
}

/** Inserts the user or replaces the role and secrets of the one of that name. */
export async function upsertUser(runner: Runner, user: StoredUser): Promise<void> {
  await queryRows(
    runner,
    `INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash,
       password_hash = excluded.password_hash`,
    values(user),
  );
}

/** The user whose `column` is `value`, or null. */
export async function selectUserBy(
  runner: Runner,
  column: "name" | "token_hash",
  value: string,
): Promise<StoredUser | null> {
  const rows = await queryRows<UserRow>(
    runner,
    `SELECT ${COLUMNS} FROM users WHERE ${column} = ?`,
    [value],
    `uplink_select_user_by_${column}`,
  );
  return rows[0] === undefined ? null : toUser(rows[0]);
}

/** Every user, by name. */
export async function selectUsers(runner: Runner): Promise<StoredUser[]> {
  const rows = await queryRows<UserRow>(runner, `SELECT ${COLUMNS} FROM users ORDER BY name`);
  return rows.map(toUser);
}

/** Deletes the user (its sessions go with it); answers whether it existed. */
export async function deleteUser(runner: Runner, name: string): Promise<boolean> {
  const rows = await queryRows(runner, "DELETE FROM users WHERE name = ? RETURNING name", [name]);
  return rows.length === 1;
}

/** Stores a session. */
export async function insertSession(runner: Runner, session: StoredSession): Promise<void> {
  await queryRows(runner, "INSERT INTO user_sessions (id_hash, name, expires_at) VALUES (?, ?, ?)", [
    session.idHash,
    session.name,
    session.expiresAt,
  ]);
}

/** The session with that id hash, or null. */
export async function selectSession(runner: Runner, idHash: string): Promise<StoredSession | null> {
  const rows = await queryRows<{ id_hash: string; name: string; expires_at: string | number }>(
    runner,
    "SELECT id_hash, name, expires_at FROM user_sessions WHERE id_hash = ?",
    [idHash],
    "uplink_select_session",
  );
  const row = rows[0];
  return row === undefined
    ? null
    : { idHash: row.id_hash, name: row.name, expiresAt: Number(row.expires_at) };
}

/** Deletes a session. */
export async function deleteSession(runner: Runner, idHash: string): Promise<void> {
  await queryRows(runner, "DELETE FROM user_sessions WHERE id_hash = ?", [idHash]);
}
