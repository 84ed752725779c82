import { type DestinationStream, type Logger, pino } from "pino";
import pretty from "pino-pretty";
import type { LogLevel } from "../config.js";

export type { Logger } from "pino";

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Human-readable lines (default: when standard output is a terminal); JSON lines otherwise. */
  readonly pretty?: boolean;
  /** Where lines go (default: standard output). */
  readonly destination?: DestinationStream;
  /** Bound to every line, e.g. the process role. */
  readonly base?: Readonly<Record<string, unknown>>;
}

/**
 * The server's structured logger (pino): JSON lines for machines, or, on a terminal, one
 * coloured line per record through pino-pretty, with the structured details of transitions
 * (under `tc`) left to the JSON form.
 *
 * @example
 * const logger = createLogger({ level: "info" });
 * logger.info({ port: 8080 }, "listening");
 */
export function createLogger(options: LoggerOptions): Logger {
  const usePretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const settings = { level: options.level, base: { ...options.base } };
  if (usePretty) {
    const stream = pretty({
      colorize: true,
      translateTime: "SYS:HH:MM:ss.l",
      ignore: "pid,hostname,tc",
      singleLine: true,
      destination: options.destination ?? 1,
      sync: true,
    });
    return pino(settings, stream);
  }
  return pino(settings, options.destination ?? pino.destination({ dest: 1, sync: false }));
}
