import type fc from "fast-check";
import { expect } from "vitest";
import {
  expectAgreement,
  modelApply,
  pick,
  type RealSystem,
  type TelecommandModel,
} from "./telecommand-model.js";

/** The sender uplinks a command: applied from `ready`, recorded as ignored anywhere else. */
export class TransmitCommand implements fc.AsyncCommand<TelecommandModel, RealSystem> {
  constructor(readonly index: number) {}

  check(model: Readonly<TelecommandModel>): boolean {
    return model.ids.length > 0;
  }

  async run(model: TelecommandModel, real: RealSystem): Promise<void> {
    const id = pick(model, this.index);
    const applies = modelApply(model, id, "TRANSMIT");
    const result = await real.service.apply(id, { type: "TRANSMIT" }, "sender");
    expect(result.kind).toBe(applies ? "applied" : "ignored");
    if (result.kind === "applied") expect(result.command.transmittedAt).toBe(model.now);
    const history = await real.repository.history(id);
    expect(history[history.length - 1]?.ignored).toBe(!applies);
    await expectAgreement(model, real);
  }

  toString(): string {
    return `Transmit(#${this.index})`;
  }
}
