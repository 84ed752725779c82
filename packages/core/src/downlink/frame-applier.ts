import type { TelecommandService } from "../services/telecommand-service.js";
import type { DownlinkFrame, Telecommand } from "../types.js";
import type { FrameOutcome } from "./downlink-report.js";
import type { FrameToEvent } from "./frame-to-event.js";
import type { TelemetryStore } from "./telemetry-store.js";

const HINT = { hint: true } as const;

/**
 * What a frame does once it is taken in sequence: telemetry is kept, a report becomes a
 * lifecycle event applied to its command (source `spacecraft`), anything else only has an
 * outcome. Returns a promise only when a command is involved, so that the downlink's fast path
 * does not pay for an await on telemetry. With `known`, a report starts from the copy of its
 * command that it returns, as a hint, instead of reading it.
 */
export class FrameApplier {
  constructor(
    private readonly service: TelecommandService,
    private readonly toEvent: FrameToEvent,
    private readonly store: TelemetryStore,
    private readonly known?: (commandId: string) => Telecommand | undefined,
  ) {}

  apply(frame: DownlinkFrame): FrameOutcome | Promise<FrameOutcome> {
    if (frame.type === "telemetry") {
      this.store.record(frame);
      return "telemetry";
    }
    const event = this.toEvent(frame);
    if (event === null) return "unknownType";
    if (frame.commandId === undefined) return "unknownCommand";
    const known = this.known?.(frame.commandId);
    const applied =
      known === undefined
        ? this.service.apply(frame.commandId, event, "spacecraft")
        : this.service.apply(frame.commandId, event, "spacecraft", known, HINT);
    return applied.then((result) => {
      if (result.kind === "applied") return "transition";
      return result.kind === "ignored" ? "ignored" : "unknownCommand";
    });
  }
}
