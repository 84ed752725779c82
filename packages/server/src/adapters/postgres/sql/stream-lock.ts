/** The part of a `pg` client the stream lock statements use. */
export interface LockClient {
  query(text: string, values: unknown[]): Promise<unknown>;
}

// Session-level advisory locks, keyed by two int4 hashes: of the schema (so that schemas on one
// server, as the tests use, never wait for each other) and of the spacecraft id. Two ids that
// hash alike only share a lock, which costs waiting, never correctness.
const LOCK = "SELECT pg_advisory_lock(hashtext($1), hashtext($2))";
const UNLOCK = "SELECT pg_advisory_unlock(hashtext($1), hashtext($2))";

/** Waits until this session holds the lock of a spacecraft's downlink stream in `schema`. */
export async function lockStream(client: LockClient, schema: string, spacecraftId: string): Promise<void> {
  await client.query(LOCK, [`uplink.downlink.${schema}`, spacecraftId]);
}

/** Lets the lock go (the session must hold it). */
export async function unlockStream(client: LockClient, schema: string, spacecraftId: string): Promise<void> {
  await client.query(UNLOCK, [`uplink.downlink.${schema}`, spacecraftId]);
}
