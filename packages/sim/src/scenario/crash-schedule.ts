import type { Instant, Random } from "@uplink/core";

/**
 * The instants at which a run restarts its ground: `count` of them, drawn uniformly over
 * `[from, to)` from the run's own stream (so that asking for none draws nothing), in order,
 * whole milliseconds.
 */
export function crashInstants(random: Random, count: number, from: Instant, to: Instant): Instant[] {
  const instants: Instant[] = [];
  for (let i = 0; i < count; i++) instants.push(from + Math.floor(random.next() * Math.max(1, to - from)));
  return instants.sort((a, b) => a - b);
}
