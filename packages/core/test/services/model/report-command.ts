import type fc from "fast-check";
import { expect } from "vitest";
import {
  expectAgreement,
  modelApply,
  pick,
  type RealSystem,
  type TelecommandModel,
} from "./telecommand-model.js";

/** The verification reports a spacecraft sends, and the lifecycle events they become. */
export const REPORT_EVENTS = {
  "acceptance success": "ACCEPTED",
  "acceptance failure": "REJECTED",
  "completion success": "COMPLETED",
  "completion failure": "COMPLETION_FAILED",
} as const;

/** A report as the model test names it. */
export type ReportKind = keyof typeof REPORT_EVENTS;

/** The spacecraft reports on a command: applied when the model says so, otherwise recorded as ignored. */
export class ReportCommand implements fc.AsyncCommand<TelecommandModel, RealSystem> {
  constructor(
    readonly index: number,
    readonly kind: ReportKind,
  ) {}

  check(model: Readonly<TelecommandModel>): boolean {
    return model.ids.length > 0;
  }

  async run(model: TelecommandModel, real: RealSystem): Promise<void> {
    const id = pick(model, this.index);
    const before = (await real.repository.history(id)).length;
    const applies = modelApply(model, id, REPORT_EVENTS[this.kind]);
    const result = await real.service.apply(id, { type: REPORT_EVENTS[this.kind] }, "spacecraft");
    expect(result.kind).toBe(applies ? "applied" : "ignored");
    const history = await real.repository.history(id);
    expect(history).toHaveLength(before + 1);
    expect(history[before]).toMatchObject({ source: "spacecraft", ignored: !applies, at: model.now });
    await expectAgreement(model, real);
  }

  toString(): string {
    return `Report(#${this.index}, ${this.kind})`;
  }
}
