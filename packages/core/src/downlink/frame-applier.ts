import type { Awaitable } from "../awaitable.js";
import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import type { ApplyResult, TelecommandService } from "../services/telecommand-service.js";
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
    // The service answers at once on in-memory ports (a bridge until this file is sync-capable).
    let applied: Awaitable<ApplyResult>;
    try {
      applied =
        known === undefined
          ? this.service.apply(frame.commandId, event, "spacecraft")
          : this.service.apply(frame.commandId, event, "spacecraft", known, HINT);
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve(applied).then(outcomeOf);
  }

  /**
   * Applies report frames (not telemetry) of one command, in seq order, as one sequence of
   * events (see {@link TelecommandService.applySequence}): the outcomes of applying them one by
   * one, with those that apply in a row written together where storage can. One outcome per
   * frame, each settled as soon as it is known.
   */
  applyAll(commandId: string, frames: readonly DownlinkFrame[]): Promise<FrameOutcome>[] {
    const events: LifecycleEvent[] = [];
    const settlers: Settler[] = [];
    const outcomes = frames.map((frame): Promise<FrameOutcome> => {
      const event = this.toEvent(frame);
      if (event === null) return Promise.resolve("unknownType");
      events.push(event);
      return new Promise<FrameOutcome>((resolve, reject) => settlers.push({ resolve, reject }));
    });
    if (events.length === 0) return outcomes;
    const known = this.known?.(commandId);
    new Promise<unknown>((resolve) =>
      resolve(
        this.service.applySequence(
          commandId,
          events,
          "spacecraft",
          known,
          known === undefined ? undefined : HINT,
          (result, i) => settlers[i]?.resolve(outcomeOf(result)),
        ),
      ),
    ).catch((error: unknown) => {
      // Resolving twice is a no-op: this fails only the events not applied.
      for (const settler of settlers) settler.reject(error);
    });
    return outcomes;
  }
}

interface Settler {
  readonly resolve: (outcome: FrameOutcome) => void;
  readonly reject: (error: unknown) => void;
}

function outcomeOf(result: ApplyResult): FrameOutcome {
  if (result.kind === "applied") return "transition";
  return result.kind === "ignored" ? "ignored" : "unknownCommand";
}
