import { StorageUnavailableError } from "@uplink/core";

// Node's socket errors and PostgreSQL's SQLSTATEs that mean "the database cannot be reached
// or is going away", as opposed to a bad statement: these become 503s, never 500s.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "58000", // system_error
  "58030", // io_error
]);

const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /client has encountered a connection error/i,
  /timeout acquiring a connection/i,
  /unable to acquire a connection/i,
  /timeout exceeded when trying to connect/i,
  /connection is closed|not queryable/i,
  /pglite is closed/i,
  /database system is (starting up|shutting down|in recovery mode)/i,
];

/** SQLSTATEs after which the same atomic statement may simply be run again. */
const RETRYABLE_CODES = new Set(["40P01", "40001"]);

/** Whether an error means that the database cannot be reached (rather than a bad statement). */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  if (error instanceof AggregateError && error.errors.some(isConnectionError)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  if (error.name === "KnexTimeoutError") return true;
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isConnectionError(cause);
}

/** Whether a failed statement lost a deadlock or a serialization race and can be retried whole. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE_CODES.has(code);
}

/** Maps a connection failure to core's {@link StorageUnavailableError}; other errors pass through. */
export function toStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError || !isConnectionError(error)) return error;
  const cause = error instanceof Error ? error.message || error.name : String(error);
  return new StorageUnavailableError(cause);
}

const MAX_RETRIES = 5;

/**
 * Runs one atomic storage operation: retries it when it lost a deadlock, and turns a
 * connection failure into {@link StorageUnavailableError} (the API answers 503). Every adapter
 * method goes through here, so the mapping lives in one place.
 *
 * @example
 * return withStorage(() => selectTelecommand(this.knex, id));
 */
export async function withStorage<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt < MAX_RETRIES && isRetryable(error)) continue;
      throw toStorageError(error);
    }
  }
}
