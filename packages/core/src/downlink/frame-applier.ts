import { type Awaitable, andThen, isPromiseLike } from "../awaitable.js";
import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import type { ApplyOptions, ApplyResult } from "../services/telecommand-service.js";
import type { DownlinkFrame, Telecommand, TransitionSource } from "../types.js";
import type { FrameOutcome } from "./downlink-report.js";
import type { FrameToEvent } from "./frame-to-event.js";
import type { TelemetryStore } from "./telemetry-store.js";

/**
 * What the downlink needs of `TelecommandService`: its answers may be {@link Awaitable}, so
 * that a service on ports that answer at once applies reports without a promise.
 */
export interface ReportService {
  apply(
    id: string,
    event: LifecycleEvent,
    source: TransitionSource,
    known?: Telecommand,
    options?: ApplyOptions,
  ): Awaitable<ApplyResult>;
  applySequence(
    id: string,
    events: readonly LifecycleEvent[],
    source: TransitionSource,
    known?: Telecommand,
    options?: ApplyOptions,
    each?: (result: ApplyResult, index: number) => void,
  ): Awaitable<readonly ApplyResult[]>;
}

const HINT = { hint: true } as const;

/**
 * What a frame does once it is taken in sequence: telemetry is kept, a report becomes a
 * lifecycle event applied to its command (source `spacecraft`), anything else only has an
 * outcome. Answers at once unless the service answers with a promise. With `known`, a report
 * starts from the copy of its command that it returns, as a hint, instead of reading it.
 */
export class FrameApplier {
  constructor(
    private readonly service: ReportService,
    private readonly toEvent: FrameToEvent,
    private readonly store: TelemetryStore,
    private readonly known?: (commandId: string) => Telecommand | undefined,
  ) {}

  apply(frame: DownlinkFrame): Awaitable<FrameOutcome> {
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
    return andThen(applied, outcomeOf);
  }

  /**
   * Applies report frames (not telemetry) of one command, in seq order, as one sequence of
   * events (see `TelecommandService.applySequence`): the outcomes of applying them one by one,
   * with those that apply in a row written together where storage can. One outcome per frame,
   * each a value when the service answered at once, else settled as soon as it is known; a
   * frame whose event was not applied because the service failed fails with its error.
   */
  applyAll(commandId: string, frames: readonly DownlinkFrame[]): Awaitable<FrameOutcome>[] {
    const outcomes: Awaitable<FrameOutcome>[] = [];
    const events: LifecycleEvent[] = [];
    const slots: number[] = [];
    for (const frame of frames) {
      const event = this.toEvent(frame);
      if (event === null) outcomes.push("unknownType");
      else {
        slots.push(outcomes.length);
        outcomes.push("unknownCommand");
        events.push(event);
      }
    }
    if (events.length === 0) return outcomes;
    const heard: (FrameOutcome | undefined)[] = [];
    let settlers: (Settler | null)[] | null = null;
    const each = (result: ApplyResult, i: number): void => {
      if (settlers === null) heard[i] = outcomeOf(result);
      else settlers[i]?.resolve(outcomeOf(result));
    };
    const known = this.known?.(commandId);
    let answer: Awaitable<readonly ApplyResult[]>;
    try {
      answer = this.service.applySequence(
        commandId,
        events,
        "spacecraft",
        known,
        known === undefined ? undefined : HINT,
        each,
      );
    } catch (error) {
      slots.forEach((slot, i) => {
        const outcome = heard[i];
        outcomes[slot] = outcome ?? Promise.reject(error);
      });
      return outcomes;
    }
    if (!isPromiseLike(answer)) {
      slots.forEach((slot, i) => {
        outcomes[slot] = outcomeOf(answer[i] as ApplyResult);
      });
      return outcomes;
    }
    const pending: (Settler | null)[] = [];
    slots.forEach((slot, i) => {
      const outcome = heard[i];
      if (outcome !== undefined) {
        outcomes[slot] = outcome;
        pending.push(null);
      } else {
        outcomes[slot] = new Promise<FrameOutcome>((resolve, reject) => pending.push({ resolve, reject }));
      }
    });
    settlers = pending;
    answer.then(undefined, (error: unknown) => {
      // Resolving twice is a no-op: this fails only the events not applied.
      for (const settler of pending) settler?.reject(error);
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
