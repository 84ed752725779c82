import type { TransitionEvent } from "@uplink/core";
import type { Logger } from "./logger.js";

/**
 * A transition listener that writes one readable line per transition at `info` (e.g.
 * `PING 0193…  ready → transmitted by sender`), and one `debug` line per ignored report. The
 * structured fields travel under `tc` for log processors.
 *
 * @example
 * publisher.subscribe(transitionLogger(logger));
 */
export function transitionLogger(logger: Logger): (event: TransitionEvent) => void {
  return ({ command, entry }) => {
    if (!logger.isLevelEnabled(entry.ignored ? "debug" : "info")) return;
    const tc = {
      id: command.id,
      spacecraftId: command.spacecraftId,
      name: command.name,
      from: entry.from,
      to: entry.to,
      source: entry.source,
      reason: entry.reason,
      failureReason: command.failureReason,
      eventId: entry.eventId,
    };
    if (entry.ignored) {
      logger.debug(
        { tc },
        `${command.name} ${command.id} ${entry.to}: ignored ${entry.reason ?? ""}`.trimEnd(),
      );
      return;
    }
    const arrow = entry.from === null ? `→ ${entry.to}` : `${entry.from} → ${entry.to}`;
    const why = command.failureReason ? ` (${command.failureReason})` : "";
    const detail = entry.reason && !command.failureReason ? ` — ${entry.reason}` : "";
    logger.info({ tc }, `${command.name} ${command.id} ${arrow}${why} by ${entry.source}${detail}`);
  };
}
