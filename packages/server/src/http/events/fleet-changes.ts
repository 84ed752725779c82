import type { SpacecraftWire } from "../wire/spacecraft-wire.js";

/** Why an `event: spacecraft` was sent; `current` is a stream's opening state (see docs/decisions.md). */
export type SpacecraftChangeKind = "current" | "registered" | "changed" | "removed" | "health";

/** The data of `event: spacecraft`: the §8 wire object, or only its id once removed. */
export interface SpacecraftEventData {
  readonly change: SpacecraftChangeKind;
  readonly spacecraft: SpacecraftWire | { readonly id: string };
}

/** The data of `event: telemetry`: the parameters whose latest value moved since the last one sent. */
export interface TelemetryEventData {
  readonly spacecraftId: string;
  readonly parameters: SpacecraftWire["telemetry"];
}

/** One fleet event of `GET /api/events`. */
export type FleetEvent =
  | { readonly type: "spacecraft"; readonly data: SpacecraftEventData }
  | { readonly type: "telemetry"; readonly data: TelemetryEventData };

/** What the fleet looked like when events were last sent, and when each spacecraft's telemetry was. */
export interface FleetSeen {
  readonly spacecraft: ReadonlyMap<string, SpacecraftWire>;
  readonly telemetry: ReadonlyMap<string, SpacecraftWire["telemetry"]>;
  readonly telemetrySentAt: ReadonlyMap<string, number>;
}

/** Nothing seen yet. */
export const NOTHING_SEEN: FleetSeen = Object.freeze({
  spacecraft: new Map(),
  telemetry: new Map(),
  telemetrySentAt: new Map(),
});

/** The fleet as first read: every spacecraft and its telemetry count as sent, at `now`. */
export function seenFrom(fleet: readonly SpacecraftWire[], now: number): FleetSeen {
  return {
    spacecraft: new Map(fleet.map((s) => [s.id, s])),
    telemetry: new Map(fleet.map((s) => [s.id, s.telemetry])),
    telemetrySentAt: new Map(fleet.map((s) => [s.id, now])),
  };
}

// The fields an operator changes (PATCH, queue state): a difference in one is `changed`.
const SETTINGS = ["name", "mission", "contacts", "uplinkUrl", "uplinkRateBps", "queue", "createdAt"] as const;

/**
 * The events that take a client from `seen` to `fleet`, and what is seen after them. Pure.
 *
 * A spacecraft new to `seen` is `registered`, one gone is `removed`; a changed setting is
 * `changed`, else a changed health alone is `health` (each carrying the whole object). The
 * telemetry of a spacecraft is sent at most once per `telemetryEveryMs`: the parameters whose
 * latest value (or seq) differs from the one last sent, coalesced; parameters that moved too
 * soon wait, still different, for a later call. `lastFrameAt` alone sends nothing (the
 * telemetry events say when values come).
 */
export function fleetChanges(
  seen: FleetSeen,
  fleet: readonly SpacecraftWire[],
  now: number,
  telemetryEveryMs: number,
): { readonly events: FleetEvent[]; readonly seen: FleetSeen } {
  const events: FleetEvent[] = [];
  const spacecraft = new Map<string, SpacecraftWire>();
  const telemetry = new Map<string, SpacecraftWire["telemetry"]>();
  const telemetrySentAt = new Map<string, number>();
  for (const current of fleet) {
    spacecraft.set(current.id, current);
    const before = seen.spacecraft.get(current.id);
    if (before === undefined) {
      events.push({ type: "spacecraft", data: { change: "registered", spacecraft: current } });
      telemetry.set(current.id, current.telemetry);
      telemetrySentAt.set(current.id, now);
      continue;
    }
    if (SETTINGS.some((field) => before[field] !== current[field])) {
      events.push({ type: "spacecraft", data: { change: "changed", spacecraft: current } });
    } else if (before.health !== current.health) {
      events.push({ type: "spacecraft", data: { change: "health", spacecraft: current } });
    }
    const sent = seen.telemetry.get(current.id) ?? {};
    const sentAt = seen.telemetrySentAt.get(current.id) ?? Number.NEGATIVE_INFINITY;
    const moved = movedParameters(sent, current.telemetry);
    if (moved !== null && now - sentAt >= telemetryEveryMs) {
      events.push({ type: "telemetry", data: { spacecraftId: current.id, parameters: moved } });
      telemetry.set(current.id, { ...sent, ...moved });
      telemetrySentAt.set(current.id, now);
    } else {
      telemetry.set(current.id, sent);
      telemetrySentAt.set(current.id, sentAt);
    }
  }
  for (const id of seen.spacecraft.keys()) {
    if (!spacecraft.has(id))
      events.push({ type: "spacecraft", data: { change: "removed", spacecraft: { id } } });
  }
  return { events, seen: { spacecraft, telemetry, telemetrySentAt } };
}

/** The parameters of `now` whose value, time or seq differ from `sent`; null when none do. */
function movedParameters(
  sent: SpacecraftWire["telemetry"],
  now: SpacecraftWire["telemetry"],
): SpacecraftWire["telemetry"] | null {
  let moved: Record<string, SpacecraftWire["telemetry"][string]> | null = null;
  for (const [name, sample] of Object.entries(now)) {
    const before = sent[name];
    if (before && before.seq === sample.seq && before.time === sample.time && before.value === sample.value)
      continue;
    moved ??= {};
    moved[name] = sample;
  }
  return moved;
}

/** The opening events of a stream: the state of every spacecraft as last seen. */
export function currentEvents(seen: FleetSeen): FleetEvent[] {
  return [...seen.spacecraft.values()].map((spacecraft) => ({
    type: "spacecraft",
    data: { change: "current", spacecraft },
  }));
}
