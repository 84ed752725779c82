import type { Clock, TimerHandle } from "@uplink/core";
import type { SpacecraftWire } from "../wire/spacecraft-wire.js";
import {
  currentEvents,
  type FleetEvent,
  type FleetSeen,
  fleetChanges,
  NOTHING_SEEN,
  seenFrom,
} from "./fleet-changes.js";

/** What `GET /api/events` streams of the fleet (SPEC §8's `event: spacecraft` and `event: telemetry`). */
export interface FleetFeed {
  /**
   * Starts following the fleet for `listener`: resolves with the events that describe the
   * fleet now (one `current` per spacecraft) and `leave`; every later change reaches
   * `listener`. Rejects (a storage outage) when the fleet cannot be read.
   */
  join(listener: (event: FleetEvent) => void): Promise<{ readonly current: FleetEvent[]; leave(): void }>;
  /** Reads the fleet soon (this process changed it), rather than at the next period. */
  poke(): void;
}

export interface FleetFeedOptions {
  /** The fleet as the API answers it (every registered spacecraft with its live state). */
  readonly read: () => Promise<readonly SpacecraftWire[]>;
  readonly clock: Clock;
  /** How often the fleet is read while someone listens (default 1 s). */
  readonly everyMs?: number;
  /** The least time between two telemetry events of one spacecraft (default 1 s, SPEC §8). */
  readonly telemetryEveryMs?: number;
  /** Told of failed reads (the next period reads again). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Follows the fleet for the event streams of this process, by reading it — registrations,
 * settings, health and latest telemetry — every `everyMs` while at least one stream listens,
 * and at once after {@link FleetFeed.poke}. Reading, rather than hearing of changes, is what
 * makes it work across processes (a spacecraft registered or a frame received through another
 * API process on the same PostgreSQL) and what sees a health that changes with time alone
 * (`silent` once a contact window ends without a frame). One read serves every stream.
 *
 * @example
 * const feed = createFleetFeed({ read: async () => describeFleet(deps, await fleet.list(q)), clock });
 * const { current, leave } = await feed.join((event) => write(event));
 */
export function createFleetFeed(options: FleetFeedOptions): FleetFeed {
  const everyMs = options.everyMs ?? 1_000;
  const telemetryEveryMs = options.telemetryEveryMs ?? 1_000;
  const { clock } = options;
  const listeners = new Set<(event: FleetEvent) => void>();
  let seen: FleetSeen = NOTHING_SEEN;
  let baseline: Promise<void> | null = null;
  let timer: TimerHandle | null = null;
  let reading: Promise<void> | null = null;
  let again = false;

  const deliver = (events: readonly FleetEvent[]) => {
    for (const event of events) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // One stream's failure is its own.
        }
      }
    }
  };

  const schedule = () => {
    if (timer !== null || listeners.size === 0) return;
    timer = clock.schedule(everyMs, () => {
      timer = null;
      void read();
    });
  };

  const read = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        try {
          const fleet = await options.read();
          if (listeners.size === 0) break;
          const next = fleetChanges(seen, fleet, clock.now(), telemetryEveryMs);
          seen = next.seen;
          deliver(next.events);
        } catch (error) {
          options.onError?.(error);
        }
      } while (again && listeners.size > 0);
      reading = null;
      schedule();
    })();
    return reading;
  };

  const stopWhenAlone = () => {
    if (listeners.size > 0) return;
    if (timer !== null) clock.cancel(timer);
    timer = null;
    seen = NOTHING_SEEN;
    baseline = null;
  };

  return {
    async join(listener) {
      // The first stream reads the fleet as it is; later ones share the state last read.
      if (baseline === null) {
        const first = (async () => {
          seen = seenFrom(await options.read(), clock.now());
        })();
        baseline = first;
        try {
          await first;
        } catch (error) {
          if (baseline === first) baseline = null;
          throw error;
        }
      } else {
        await baseline;
      }
      listeners.add(listener);
      schedule();
      return {
        current: currentEvents(seen),
        leave() {
          listeners.delete(listener);
          stopWhenAlone();
        },
      };
    },
    poke() {
      if (listeners.size > 0) void read();
    },
  };
}
