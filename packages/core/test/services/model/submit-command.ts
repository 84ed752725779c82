import type fc from "fast-check";
import { expect } from "vitest";
import { expectAgreement, type RealSystem, type TelecommandModel } from "./telecommand-model.js";

/** An operator submits a command: it is stored `ready`. */
export class SubmitCommand implements fc.AsyncCommand<TelecommandModel, RealSystem> {
  constructor(
    readonly name: string,
    readonly priority: number,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: TelecommandModel, real: RealSystem): Promise<void> {
    const { command, created } = await real.service.submit({ name: this.name, priority: this.priority });
    expect(created).toBe(true);
    expect(model.commands.has(command.id)).toBe(false);
    model.ids.push(command.id);
    model.commands.set(command.id, { status: "ready", failureReason: null, deadline: null });
    await expectAgreement(model, real);
  }

  toString(): string {
    return `Submit(${this.name}, ${this.priority})`;
  }
}
