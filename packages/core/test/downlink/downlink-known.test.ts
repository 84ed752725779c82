import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import type {
  InsertResult,
  TransitionChange,
  TransitionOutcome,
} from "../../src/ports/telecommand-repository.js";
import type { Telecommand } from "../../src/types.js";
import { downlinkRig, report } from "./downlink-fixture.js";
import { framesOf, outcomeOf, streamArb } from "./downlink-streams.js";

const COMMANDS = 3;

/** Keeps every version of every command it stored, and counts reads. */
class VersionKeepingRepository extends InMemoryTelecommandRepository {
  readonly versions = new Map<string, Telecommand[]>();
  reads = 0;

  override async insert(...args: Parameters<InMemoryTelecommandRepository["insert"]>): Promise<InsertResult> {
    const result = await super.insert(...args);
    if (result.created) this.keep(result.command);
    return result;
  }

  override async transition(change: TransitionChange): Promise<TransitionOutcome> {
    const outcome = await super.transition(change);
    if (outcome.ok) this.keep(outcome.command);
    return outcome;
  }

  override async get(id: string): Promise<Telecommand | null> {
    this.reads++;
    return super.get(id);
  }

  private keep(command: Telecommand): void {
    const kept = this.versions.get(command.id);
    if (kept) kept.push(command);
    else this.versions.set(command.id, [command]);
  }
}

const COMMAND_STREAM = streamArb({ commands: COMMANDS, maxLength: 20, withTelemetry: false });

describe("DownlinkProcessor with known commands", () => {
  it("gives the outcome of reading every command, whatever versions the hints are", async () => {
    await fc.assert(
      fc.asyncProperty(
        COMMAND_STREAM,
        fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        async (stream, picks, concurrency) => {
          const plain = downlinkRig({ options: { applyConcurrency: concurrency } });
          const plainIds = await plain.transmitted(COMMANDS);
          const repository = new VersionKeepingRepository();
          let call = 0;
          // Any stored version, the latest or older, or none: each call picks its own.
          const known = (id: string) => {
            const kept = repository.versions.get(id) ?? [];
            const pick = picks[call++ % picks.length] as number;
            return kept[pick % (kept.length + 1)];
          };
          const hinted = downlinkRig({ repository, options: { applyConcurrency: concurrency, known } });
          const ids = await hinted.transmitted(COMMANDS);
          await plain.downlink.receive(framesOf(stream, plainIds));
          await hinted.downlink.receive(framesOf(stream, ids));
          expect(await outcomeOf(hinted, ids)).toEqual(await outcomeOf(plain, plainIds));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("reads no command when the hints are current", async () => {
    const repository = new VersionKeepingRepository();
    const known = (id: string) => repository.versions.get(id)?.at(-1);
    const rig = downlinkRig({ repository, options: { applyConcurrency: 4, known } });
    const [a, b] = (await rig.transmitted(2)) as [string, string];
    repository.reads = 0;
    await rig.downlink.receive([
      report(1, "acceptance", a),
      report(2, "acceptance", b),
      report(3, "completion", a),
      report(4, "completion", b, false, { reason: "no" }),
    ]);
    expect(repository.reads).toBe(0);
    expect(await rig.statuses([a, b])).toEqual(["executed", "failed"]);
  });
});
