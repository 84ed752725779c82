import type fc from "fast-check";
import { expect } from "vitest";
import { InProcessEventPublisher } from "../../../src/adapters/in-process-event-publisher.js";
import { SeededRandom } from "../../../src/adapters/seeded-random.js";
import { promiseOf } from "../../../src/awaitable.js";
import { StatusConflictError } from "../../../src/errors.js";
import { type ApplyResult, TelecommandService } from "../../../src/services/telecommand-service.js";
import type { Telecommand } from "../../../src/types.js";
import { scheduledRepository } from "./scheduled-repository.js";
import {
  expectAgreement,
  modelApply,
  pick,
  type RealSystem,
  type TelecommandModel,
  TIMEOUTS,
} from "./telecommand-model.js";

/** Who won a cancel racing a transmission, for the test to see that both orders happen. */
export const raceWinners: string[] = [];

/**
 * An operator's cancel races the sender's transmission of the same command, their repository
 * calls interleaved by the fast-check scheduler: from `ready` exactly one wins; otherwise both lose.
 */
export class RaceCancelTransmitCommand implements fc.AsyncCommand<TelecommandModel, RealSystem> {
  constructor(
    readonly index: number,
    readonly scheduler: fc.Scheduler,
  ) {}

  check(model: Readonly<TelecommandModel>): boolean {
    return model.ids.length > 0;
  }

  async run(model: TelecommandModel, real: RealSystem): Promise<void> {
    const id = pick(model, this.index);
    const before = model.commands.get(id)?.status;
    const racing = new TelecommandService(
      scheduledRepository(real.repository, this.scheduler),
      real.clock,
      new SeededRandom(1),
      new InProcessEventPublisher(),
      { timeouts: TIMEOUTS },
    );
    const cancel: Promise<Telecommand | StatusConflictError> = promiseOf(() => racing.cancel(id)).catch(
      (e: unknown) => {
        if (e instanceof StatusConflictError) return e;
        throw e;
      },
    );
    const transmit: Promise<ApplyResult> = promiseOf(() => racing.apply(id, { type: "TRANSMIT" }, "sender"));
    await this.scheduler.waitIdle();
    const [cancelled, transmitted] = await Promise.all([cancel, transmit]);
    const cancelWon = !(cancelled instanceof StatusConflictError);
    const transmitWon = transmitted.kind === "applied";
    if (before === "ready") {
      expect(Number(cancelWon) + Number(transmitWon)).toBe(1);
      const winner = cancelWon ? "CANCEL" : "TRANSMIT";
      raceWinners.push(winner);
      modelApply(model, id, winner);
      if (cancelled instanceof StatusConflictError) expect(cancelled.status).toBe("transmitted");
      else expect(transmitted.kind).toBe("ignored");
    } else {
      expect(cancelWon || transmitWon).toBe(false);
      expect(cancelled).toMatchObject({ status: before });
    }
    // The command left ready exactly once, whoever won: the loser wrote nothing but an ignored entry.
    const history = await real.repository.history(id);
    expect(history.filter((e) => !e.ignored && e.from === "ready")).toHaveLength(1);
    await expectAgreement(model, real);
  }

  toString(): string {
    return `RaceCancelTransmit(#${this.index}, ${String(this.scheduler)})`;
  }
}
