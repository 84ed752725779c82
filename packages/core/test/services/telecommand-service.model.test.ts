import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import { CancelCommand } from "./model/cancel-command.js";
import { RaceCancelTransmitCommand, raceWinners } from "./model/race-cancel-transmit-command.js";
import { REPORT_EVENTS, ReportCommand, type ReportKind } from "./model/report-command.js";
import { SubmitCommand } from "./model/submit-command.js";
import { type RealSystem, type TelecommandModel, TIMEOUTS } from "./model/telecommand-model.js";
import { TimeoutCommand } from "./model/timeout-command.js";
import { TransmitCommand } from "./model/transmit-command.js";

const T0 = 1_893_456_000_000;

function setup(seed: number): { model: TelecommandModel; real: RealSystem } {
  const repository = new InMemoryTelecommandRepository();
  const clock = new ManualClock(T0);
  const service = new TelecommandService(
    repository,
    clock,
    new SeededRandom(seed),
    new InProcessEventPublisher(),
    {
      timeouts: TIMEOUTS,
    },
  );
  return { model: { now: T0, ids: [], commands: new Map() }, real: { service, repository, clock } };
}

const index = fc.nat({ max: 50 });
const commands = [
  fc
    .tuple(fc.constantFrom("PING", "SET_MODE", "reboot.v2"), fc.integer({ min: -2, max: 2 }))
    .map(([n, p]) => new SubmitCommand(n, p)),
  index.map((i) => new CancelCommand(i)),
  index.map((i) => new TransmitCommand(i)),
  fc
    .tuple(index, fc.constantFrom(...(Object.keys(REPORT_EVENTS) as ReportKind[])))
    .map(([i, kind]) => new ReportCommand(i, kind)),
  fc.integer({ min: 0, max: 6_000 }).map((ms) => new TimeoutCommand(ms)),
];

describe("TelecommandService against a plain model", () => {
  it("agrees on every command's status after any sequence of submit, cancel, transmit, report and timeout", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commands, { maxCommands: 60, size: "medium" }),
        fc.nat(),
        async (cmds, seed) => {
          const { model, real } = setup(seed);
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("lets exactly one of a cancel and a transmission racing on a ready command win, in both orders", async () => {
    raceWinners.length = 0;
    const race = fc.tuple(index, fc.scheduler()).map(([i, s]) => new RaceCancelTransmitCommand(i, s));
    await fc.assert(
      fc.asyncProperty(
        fc.commands([...commands, race], { maxCommands: 40, size: "medium" }),
        fc.nat(),
        async (cmds, seed) => {
          const { model, real } = setup(seed);
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        },
      ),
      { numRuns: 120 },
    );
    expect(raceWinners).toContain("CANCEL");
    expect(raceWinners).toContain("TRANSMIT");
  });
});
