import type { Clock, TelemetryArchive } from "@uplink/core";

/** The longest wait between two prunes. */
const MAX_PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Drops telemetry history older than the retention (`UPLINK_TELEMETRY_RETENTION`), at start and
 * then every tenth of the retention (at most every 10 minutes). Several API processes may prune
 * at once: a delete of rows already deleted deletes nothing.
 *
 * @example
 * const stop = startTelemetryPruner(archive, clock, 7 * 86_400_000, (e) => log.warn(e));
 */
export function startTelemetryPruner(
  archive: TelemetryArchive,
  clock: Clock,
  retentionMs: number,
  onError: (error: unknown) => void,
): () => void {
  const prune = () => {
    Promise.resolve(archive.prune(clock.now() - retentionMs)).catch(onError);
  };
  prune();
  const timer = setInterval(
    prune,
    Math.max(1_000, Math.min(MAX_PRUNE_EVERY_MS, Math.floor(retentionMs / 10))),
  );
  timer.unref();
  return () => clearInterval(timer);
}
