import { compileLifecycle, defaultLifecycle, Lifecycle } from "@uplink/core";

const EVENTS = ["TRANSMIT", "ACCEPTED", "COMPLETED"] as const;

/**
 * The ceiling for the simulator's workload: how many lifecycles per second a loop does that
 * only steps core's default lifecycle table over typed arrays (status codes, a step table of
 * codes, one instant stamped per step), with no service, repository, clock, spacecraft,
 * downlink or trace. The simulator's end-to-end rate is printed beside it, as a share of it.
 */
export function bareLifecyclesPerSecond(count: number): number {
  const lifecycle = new Lifecycle(defaultLifecycle);
  const statuses = lifecycle.statuses;
  const code = new Map(statuses.map((s, i) => [s, i]));
  const compiled = compileLifecycle(defaultLifecycle);
  const table = new Int8Array(statuses.length * EVENTS.length).fill(-1);
  statuses.forEach((status, s) => {
    EVENTS.forEach((event, e) => {
      const to = compiled.get(status)?.get(event)?.to;
      if (to !== undefined) table[s * EVENTS.length + e] = code.get(to) as number;
    });
  });
  const status = new Uint8Array(count);
  const stamped = new Float64Array(count);
  const initial = code.get(lifecycle.initial) as number;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    let s = initial;
    for (let e = 0; e < EVENTS.length; e++) {
      const next = table[s * EVENTS.length + e] as number;
      if (next < 0) throw new Error(`${EVENTS[e]} does not apply to ${statuses[s]}`);
      s = next;
      stamped[i] = i + e;
    }
    status[i] = s;
  }
  const seconds = (performance.now() - started) / 1000;
  if (status[count - 1] !== code.get("executed")) throw new Error("the lifecycle did not end executed");
  return count / seconds;
}
