import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { defaultLifecycle } from "../../src/lifecycle/default-lifecycle.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import type { LifecycleDefinition } from "../../src/lifecycle/lifecycle-definition.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import type { HistoryEntry, Telecommand, TransitionEvent } from "../../src/types.js";
import { pusLifecycle } from "./pus-lifecycle.js";

/** The reports one command can get, in the order a well-behaved spacecraft sends them. */
const scenarios: Record<string, Record<string, readonly string[]>> = {
  default: {
    "acceptance success + completion success": ["ACCEPTED", "COMPLETED"],
    "acceptance success + completion failure": ["ACCEPTED", "COMPLETION_FAILED"],
    "acceptance failure alone": ["REJECTED"],
  },
  pus: {
    "acceptance, start and completion success": ["ACCEPTED", "STARTED", "COMPLETED"],
    "acceptance and start success + completion failure": ["ACCEPTED", "STARTED", "COMPLETION_FAILED"],
    "acceptance failure alone": ["REJECTED"],
  },
};

interface Delivery {
  readonly command: Telecommand;
  readonly history: HistoryEntry[];
  readonly published: TransitionEvent[];
  /** The history after each report, to prove that nothing already written changes. */
  readonly snapshots: HistoryEntry[][];
}

async function deliver(
  definition: LifecycleDefinition,
  reports: readonly string[],
  gapsMs: readonly number[],
): Promise<Delivery> {
  const lifecycle = new Lifecycle(definition);
  const repository = new InMemoryTelecommandRepository({ queuedStatuses: lifecycle.queuedStatuses });
  const clock = new ManualClock(1_893_456_000_000);
  const publisher = new InProcessEventPublisher();
  const published: TransitionEvent[] = [];
  publisher.subscribe((e) => published.push(e));
  const service = new TelecommandService(repository, clock, new SeededRandom(7), publisher, { lifecycle });
  const { command } = await service.submit({ name: "PING" });
  await service.apply(command.id, { type: "TRANSMIT" }, "sender");
  const snapshots: HistoryEntry[][] = [];
  for (const [i, type] of reports.entries()) {
    clock.advance(gapsMs[i % gapsMs.length] ?? 0);
    await service.apply(command.id, { type, reason: `report ${i}` }, "spacecraft");
    snapshots.push(await repository.history(command.id));
  }
  return {
    command: await service.get(command.id),
    history: await repository.history(command.id),
    published,
    snapshots,
  };
}

/** A shuffle of the reports with each one delivered one to three times. */
const shuffledWithDuplicates = (reports: readonly string[]) =>
  fc
    .tuple(...reports.map((r) => fc.integer({ min: 1, max: 3 }).map((n) => Array<string>(n).fill(r))))
    .chain((groups) => fc.shuffledSubarray(groups.flat(), { minLength: groups.flat().length }));

const definitions: Record<string, LifecycleDefinition> = { default: defaultLifecycle, pus: pusLifecycle };

describe.each(Object.entries(definitions))("verification reports on the %s lifecycle", (id, definition) => {
  const lifecycle = new Lifecycle(definition);
  describe.each(Object.entries(scenarios[id] ?? {}))("%s", (_, inOrder) => {
    it("converge to the in-order outcome under any permutation with duplicates", async () => {
      const expected = await deliver(definition, inOrder, [0]);
      expect(lifecycle.isFinal(expected.command.status)).toBe(true);
      await fc.assert(
        fc.asyncProperty(
          shuffledWithDuplicates(inOrder),
          fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 4 }),
          async (reports, gaps) => {
            const actual = await deliver(definition, reports, gaps);
            expect(actual.command.status).toBe(expected.command.status);
            expect(actual.command.failureReason).toBe(expected.command.failureReason);
            if (actual.command.status === "executed") expect(actual.command.acknowledgedAt).not.toBeNull();
            expect(actual.command.deadline).toBeNull();
          },
        ),
        { numRuns: 150 },
      );
    });

    it("record late and duplicate reports as ignored entries, applying none, in an append-only history", async () => {
      await fc.assert(
        fc.asyncProperty(shuffledWithDuplicates(inOrder), async (reports) => {
          const { command, history, published, snapshots } = await deliver(definition, reports, [10]);
          // One entry per event: the submit, the transmit, then one per report.
          expect(history).toHaveLength(2 + reports.length);
          expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
          for (let i = 1; i < history.length; i++) {
            expect(history[i]?.eventId).toBeGreaterThan(history[i - 1]?.eventId as number);
          }
          for (const [i, snapshot] of snapshots.entries()) {
            expect(history.slice(0, snapshot.length)).toEqual(snapshot);
            expect(snapshot).toHaveLength(3 + i);
          }
          const applied = history.filter((e) => !e.ignored);
          for (let i = 1; i < applied.length; i++) {
            const prev = applied[i - 1] as HistoryEntry;
            const entry = applied[i] as HistoryEntry;
            expect(entry.from).toBe(prev.to);
            expect(lifecycle.state(entry.to).rank).toBeGreaterThan(lifecycle.state(prev.to).rank);
          }
          expect(applied[applied.length - 1]?.to).toBe(command.status);
          expect(command.version).toBe(applied.length);
          for (const entry of history.filter((e) => e.ignored)) {
            expect(entry.from).toBe(entry.to);
            expect(entry.source).toBe("spacecraft");
            expect(entry.reason).toMatch(/ignored in/);
          }
          expect(published.map((e) => e.entry)).toEqual(history);
        }),
        { numRuns: 150 },
      );
    });
  });
});
