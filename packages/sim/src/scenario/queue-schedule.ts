import type { Instant, QueueState, Random } from "@uplink/core";

/** One change of a spacecraft's queue state during a run (SPEC §10): from `at` on, it is `state`. */
export interface QueueChange {
  /** Virtual milliseconds after the run's start. */
  readonly at: number;
  readonly spacecraftId: string;
  readonly state: QueueState;
}

/** How long a seeded hold or closure lasts at most before its queue opens again. */
export const MAX_QUEUE_PAUSE_MS = 4 * 3_600_000;

/**
 * `count` seeded pauses of a queue over `[0, durationMs)`: each holds or closes a random
 * spacecraft's queue at a random instant and opens it again up to {@link MAX_QUEUE_PAUSE_MS}
 * later (so a run ends with its queues open), drawn from the run's own stream so that asking
 * for none draws nothing.
 */
export function seededQueueChanges(
  random: Random,
  count: number,
  durationMs: number,
  spacecraft: readonly string[],
): QueueChange[] {
  const changes: QueueChange[] = [];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random.next() * durationMs);
    const spacecraftId = spacecraft[Math.floor(random.next() * spacecraft.length)] as string;
    const state: QueueState = random.next() < 0.5 ? "held" : "closed";
    const pause = Math.floor(random.next() * MAX_QUEUE_PAUSE_MS);
    changes.push({ at, spacecraftId, state }, { at: at + pause, spacecraftId, state: "open" });
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** The changes as absolute instants, in order (a stable sort keeps same-instant changes as given). */
export function queueTimeline(changes: readonly QueueChange[], start: Instant): QueueChange[] {
  return changes.map((c) => ({ ...c, at: start + c.at })).sort((a, b) => a.at - b.at);
}
