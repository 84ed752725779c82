import type { ContactWindow, HistoryEntry, Instant, Telecommand, TransitionEvent } from "@uplink/core";
import type {
  ContactWindowWire,
  HistoryEntryWire,
  TelecommandWire,
  TransitionEventWire,
} from "./wire-schemas.js";

/** The largest |epoch ms| a JavaScript Date can hold; beyond it an instant means "unbounded". */
const MAX_DATE_MS = 8.64e15;

/**
 * An instant as RFC 3339 UTC with milliseconds, or null when absent. Instants a Date cannot
 * represent (the `always` contact plan's ±MAX_SAFE_INTEGER bounds) are unbounded: null.
 *
 * @example
 * formatInstant(0); // "1970-01-01T00:00:00.000Z"
 */
export function formatInstant(at: Instant | null): string | null {
  if (at === null || !Number.isFinite(at) || Math.abs(at) > MAX_DATE_MS) return null;
  return new Date(at).toISOString();
}

function required(at: Instant): string {
  return formatInstant(at) ?? new Date(0).toISOString();
}

/**
 * The one mapper from core's command to the wire (SPEC §5): instants become RFC 3339 strings or
 * null; `deadline` stays internal.
 *
 * @example
 * ctx.body = toWireTelecommand(await service.get(id));
 */
export function toWireTelecommand(command: Telecommand): TelecommandWire {
  return {
    id: command.id,
    spacecraftId: command.spacecraftId,
    name: command.name,
    args: command.args,
    priority: command.priority,
    status: command.status,
    failureReason: command.failureReason,
    createdAt: required(command.createdAt),
    updatedAt: required(command.updatedAt),
    transmittedAt: formatInstant(command.transmittedAt),
    acknowledgedAt: formatInstant(command.acknowledgedAt),
    executedAt: formatInstant(command.executedAt),
    failedAt: formatInstant(command.failedAt),
    cancelledAt: formatInstant(command.cancelledAt),
    notBefore: formatInstant(command.notBefore),
    notAfter: formatInstant(command.notAfter),
    version: command.version,
    category: command.profile === null ? null : command.profile.category,
    hazardous: command.profile?.hazardous === true,
    dictionaryVersion: command.profile === null ? null : command.profile.dictionaryVersion,
    submittedBy: command.submittedBy,
    held: command.held,
  };
}

/** A history entry on the wire: `at` as RFC 3339, everything else as stored. */
export function toWireHistoryEntry(entry: HistoryEntry): HistoryEntryWire {
  return {
    eventId: entry.eventId,
    commandId: entry.commandId,
    seq: entry.seq,
    from: entry.from,
    to: entry.to,
    at: required(entry.at),
    reason: entry.reason,
    source: entry.source,
    actor: entry.actor,
    ignored: entry.ignored,
    kind: entry.kind,
  };
}

/** The data of a `telecommand` Server-Sent Event. */
export function toWireEvent(event: TransitionEvent): TransitionEventWire {
  return { command: toWireTelecommand(event.command), entry: toWireHistoryEntry(event.entry) };
}

/** A contact window on the wire; unbounded ends are null. */
export function toWireContactWindow(window: ContactWindow): ContactWindowWire {
  return {
    start: formatInstant(window.start),
    end: formatInstant(window.end),
    station: window.station ?? null,
    maxElevationDeg: window.maxElevationDeg ?? null,
  };
}
