import type { StatsSnapshot } from "../http-deps.js";
import { formatInstant } from "../wire/telecommand-wire.js";
import type { StatsWire } from "../wire/wire-schemas.js";

/**
 * `/api/stats` as the wire shows it: every status of the lifecycle (0 when none), the total,
 * refused and duplicate submissions (stored counters: the same from every process), and the
 * downlink's duplicates and gaps at top level next to its full counters.
 *
 * @example
 * ctx.body = statsView(await deps.stats(), lifecycle.statuses, clock.now());
 */
export function statsView(snapshot: StatsSnapshot, statuses: readonly string[], now: number): StatsWire {
  const byStatus: Record<string, number> = {};
  for (const status of statuses) byStatus[status] = 0;
  for (const [status, count] of Object.entries(snapshot.byStatus)) byStatus[status] = count;
  const d = snapshot.downlink;
  return {
    byStatus,
    total: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
    rejectedSubmissions: snapshot.rejectedSubmissions,
    duplicateSubmissions: snapshot.duplicateSubmissions,
    downlinkDuplicates: d.duplicates,
    downlinkGaps: d.gaps,
    downlink: {
      received: d.received,
      accepted: d.accepted,
      duplicates: d.duplicates,
      conflicts: d.conflicts,
      gaps: d.gaps,
      late: d.late,
      unknownCommand: d.unknownCommand,
      unknownType: d.unknownType,
      telemetry: d.telemetry,
    },
    unknownSpacecraft: snapshot.unknownSpacecraft,
    transitions: snapshot.transitions,
    senderClaims: snapshot.senderClaims,
    delivered: snapshot.delivery.delivered,
    dropped: snapshot.delivery.dropped,
    bySpacecraft: { ...snapshot.delivery.bySpacecraft },
    byCategory: { ...snapshot.delivery.byCategory },
    generatedAt: formatInstant(now) ?? new Date(0).toISOString(),
  };
}
