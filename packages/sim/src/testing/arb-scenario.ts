import type { ContactPlan } from "@uplink/core";
import fc from "fast-check";
import type { ScenarioConfig } from "../scenario/scenario-config.js";

/** Bounds for {@link arbScenario}. */
export interface ArbScenarioOptions {
  /** Most commands per scenario (default 40). */
  readonly maxCommands?: number;
  /** Longest submission period (default 6 h). */
  readonly maxDurationMs?: number;
  /** Use this plan (or `UPLINK_CONTACTS` text) in every scenario instead of random ones: a mission's own. */
  readonly contacts?: ContactPlan | string;
  /** Use these spacecraft instead of 1 to 3 random ones. */
  readonly spacecraft?: readonly string[];
  /** Fixed fields merged over every generated scenario (e.g. `{ start }` for a TLE plan). */
  readonly overrides?: Partial<ScenarioConfig>;
}

const MINUTE = 60_000;

/** Random `UPLINK_CONTACTS` texts: always, periodic with an offset, or a list of windows. */
export function arbContactsSpec(start: number, spanMs: number): fc.Arbitrary<string> {
  const periodic = fc
    .record({
      period: fc.integer({ min: 5, max: 180 }),
      share: fc.double({ min: 0.05, max: 1, noNaN: true }),
      offset: fc.integer({ min: 0, max: 179 }),
    })
    .map(({ period, share, offset }) => {
      const duration = Math.max(1, Math.round(period * share));
      return `periodic:${period}m/${duration}m@${offset % period}m`;
    });
  const windows = fc
    .uniqueArray(fc.integer({ min: 0, max: Math.floor((spanMs * 2) / MINUTE) }), {
      minLength: 1,
      maxLength: 8,
    })
    .chain((starts) =>
      fc.tuple(
        fc.constant([...starts].sort((a, b) => a - b)),
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: starts.length, maxLength: starts.length }),
      ),
    )
    .map(([starts, lengths]) => {
      const list: string[] = [];
      let previousEnd = -1;
      starts.forEach((s, i) => {
        const begin = Math.max(s, previousEnd + 1);
        const end = begin + (lengths[i] as number);
        previousEnd = end;
        list.push(`${iso(start + begin * MINUTE)}/${iso(start + end * MINUTE)}`);
      });
      return `windows:${list.join(",")}`;
    });
  return fc.oneof(
    { arbitrary: periodic, weight: 3 },
    { arbitrary: windows, weight: 2 },
    { arbitrary: fc.constant("always"), weight: 1 },
  );
}

function iso(at: number): string {
  return new Date(at).toISOString().replace(".000Z", "Z");
}

/**
 * fast-check arbitraries for whole scenarios: random seeds, command counts, contact plans,
 * spacecraft, transmit/acceptance/execution delays, timeouts, failure rates, a downlink that
 * reorders, loses, duplicates and corrupts frames, one to three senders, and restarts of the
 * ground (half the scenarios have none), seeded changes of the spacecraft's inhibits (half
 * have none), and commands submitted for approval, approved or rejected later (half have none). Small by default, so that hundreds run
 * in seconds. Pair it with {@link runScenario} and {@link checkInvariants} in a mission's own tests.
 *
 * @example
 * await fc.assert(
 *   fc.asyncProperty(arbScenario({ contacts: "periodic:95m/12m" }), async (scenario) => {
 *     const { trace } = await runScenario(scenario);
 *     expect(checkInvariants(trace!).violation).toBeNull();
 *   }),
 *   { numRuns: 200 },
 * );
 */
export function arbScenario(options: ArbScenarioOptions = {}): fc.Arbitrary<ScenarioConfig> {
  const maxCommands = options.maxCommands ?? 40;
  const maxDurationMs = options.maxDurationMs ?? 6 * 3_600_000;
  const start = options.overrides?.start ?? Date.UTC(2030, 0, 1);
  const contacts: fc.Arbitrary<ContactPlan | string> =
    options.contacts === undefined ? arbContactsSpec(start, maxDurationMs) : fc.constant(options.contacts);
  const spacecraft = options.spacecraft
    ? fc.constant(options.spacecraft)
    : fc.integer({ min: 1, max: 3 }).map((n) => Array.from({ length: n }, (_, i) => `sc-${i + 1}`));
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0x7fff_ffff }),
      commands: fc.integer({ min: 1, max: maxCommands }),
      durationMs: fc.integer({ min: MINUTE, max: maxDurationMs }),
      contacts,
      spacecraft,
      sender: fc.record({ transmitDelayMaxMs: fc.integer({ min: 0, max: 60_000 }) }),
      senders: fc.integer({ min: 1, max: 3 }),
      crashes: fc.oneof(
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 },
      ),
      inhibitChanges: fc.oneof(
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: 1, max: 6 }), weight: 1 },
      ),
      queueChanges: fc.oneof(
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 1 },
      ),
      timeouts: fc.record({
        acceptanceMs: fc.integer({ min: 1_000, max: 120_000 }),
        executionMs: fc.integer({ min: 1_000, max: 600_000 }),
      }),
      spacecraftBehaviour: fc.record({
        ackDelayMaxMs: fc.integer({ min: 0, max: 10_000 }),
        execDelayMaxMs: fc.integer({ min: 0, max: 60_000 }),
        failureRate: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      downlink: fc.record({
        latencyMs: fc.integer({ min: 0, max: 2_000 }),
        jitterMs: fc.integer({ min: 0, max: 10_000 }),
        lossRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
        duplicateRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
        conflictRate: fc.double({ min: 0, max: 0.1, noNaN: true }),
      }),
      downlinkProcessor: fc.record({ gapTimeoutMs: fc.integer({ min: 0, max: 20_000 }) }),
      workload: fc.record({
        unknownRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
        cancelRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
        cancelDelayMaxMs: fc.integer({ min: 0, max: 3 * 3_600_000 }),
        notBeforeRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
        notAfterRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
        windowMaxMs: fc.integer({ min: MINUTE, max: 6 * 3_600_000 }),
        approvalRate: fc.oneof(
          { arbitrary: fc.constant(0), weight: 1 },
          { arbitrary: fc.double({ min: 0, max: 0.6, noNaN: true }), weight: 1 },
        ),
        rejectRate: fc.double({ min: 0, max: 1, noNaN: true }),
        approvalDelayMaxMs: fc.integer({ min: 0, max: 2 * 3_600_000 }),
        holdRate: fc.oneof(
          { arbitrary: fc.constant(0), weight: 1 },
          { arbitrary: fc.double({ min: 0, max: 0.5, noNaN: true }), weight: 1 },
        ),
        holdDelayMaxMs: fc.integer({ min: 0, max: 30 * 60_000 }),
        holdDurationMaxMs: fc.integer({ min: 0, max: 3 * 3_600_000 }),
      }),
    })
    .map((scenario): ScenarioConfig => ({ ...scenario, start, ...options.overrides }));
}
