import type fc from "fast-check";
import { expect } from "vitest";
import { expectAgreement, modelApply, type RealSystem, type TelecommandModel } from "./telecommand-model.js";

/**
 * Time passes, then every command whose acceptance or execution deadline has come is failed
 * `timed_out` (what the sender's timeout sweep does).
 */
export class TimeoutCommand implements fc.AsyncCommand<TelecommandModel, RealSystem> {
  constructor(readonly advanceMs: number) {}

  check(): boolean {
    return true;
  }

  async run(model: TelecommandModel, real: RealSystem): Promise<void> {
    model.now += this.advanceMs;
    real.clock.advance(this.advanceMs);
    const due = model.ids.filter((id) => {
      const deadline = model.commands.get(id)?.deadline;
      return deadline != null && deadline <= model.now;
    });
    const overdue = await real.repository.overdue(real.clock.now(), 1000);
    expect(overdue.map((c) => c.id).sort()).toEqual([...due].sort());
    for (const command of overdue) {
      expect(modelApply(model, command.id, "TIMEOUT")).toBe(true);
      const result = await real.service.apply(command.id, { type: "TIMEOUT" }, "timeout", command);
      expect(result.kind).toBe("applied");
    }
    expect(await real.repository.overdue(real.clock.now(), 1000)).toEqual([]);
    await expectAgreement(model, real);
  }

  toString(): string {
    return `Timeout(+${this.advanceMs}ms)`;
  }
}
