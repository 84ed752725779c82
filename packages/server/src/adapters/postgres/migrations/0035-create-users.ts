import type { Knex } from "knex";

/**
 * Users and their console sessions (SPEC §10). Secrets only as hashes: a token's digest
 * (unique: a request finds its user by it) and a password's salted scrypt hash. A session row
 * holds the digest of its cookie's id and goes with its user.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE users (
      name text COLLATE "C" PRIMARY KEY,
      role text NOT NULL,
      token_hash text COLLATE "C" NOT NULL UNIQUE,
      password_hash text,
      created_at bigint NOT NULL
    )`);
  await knex.raw(`
    CREATE TABLE user_sessions (
      id_hash text COLLATE "C" PRIMARY KEY,
      name text COLLATE "C" NOT NULL REFERENCES users (name) ON DELETE CASCADE,
      expires_at bigint NOT NULL
    )`);
  await knex.raw("CREATE INDEX user_sessions_by_name ON user_sessions (name)");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("DROP TABLE user_sessions");
  await knex.raw("DROP TABLE users");
}
