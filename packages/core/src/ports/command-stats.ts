import type { Awaitable } from "../awaitable.js";

/** The number of commands in each status (`/api/stats`). Part of the `TelecommandRepository`. */
export interface CommandStats {
  countByStatus(): Awaitable<Record<string, number>>;
}
