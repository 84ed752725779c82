import type fc from "fast-check";
import { expect } from "vitest";
import { promiseOf } from "../../../src/awaitable.js";
import { StatusConflictError } from "../../../src/errors.js";
import {
  expectAgreement,
  modelApply,
  pick,
  type RealSystem,
  type TelecommandModel,
} from "./telecommand-model.js";

/** An operator cancels a command: it succeeds only while `ready`, else a conflict names the status. */
export class CancelCommand implements fc.AsyncCommand<TelecommandModel, RealSystem> {
  constructor(readonly index: number) {}

  check(model: Readonly<TelecommandModel>): boolean {
    return model.ids.length > 0;
  }

  async run(model: TelecommandModel, real: RealSystem): Promise<void> {
    const id = pick(model, this.index);
    const before = model.commands.get(id)?.status;
    if (modelApply(model, id, "CANCEL")) {
      const command = await real.service.cancel(id);
      expect(command).toMatchObject({ id, status: "cancelled", cancelledAt: model.now });
    } else {
      const attempt = promiseOf(() => real.service.cancel(id));
      await expect(attempt).rejects.toBeInstanceOf(StatusConflictError);
      await expect(promiseOf(() => real.service.cancel(id))).rejects.toMatchObject({ status: before });
    }
    await expectAgreement(model, real);
  }

  toString(): string {
    return `Cancel(#${this.index})`;
  }
}
