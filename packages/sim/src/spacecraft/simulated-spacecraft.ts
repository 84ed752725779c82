import type {
  Clock,
  DownlinkFrame,
  Instant,
  Random,
  TelemetryValue,
  TimerHandle,
  Uplink,
  UplinkCommand,
  UplinkResult,
} from "@uplink/core";
import { StringIndex } from "../invariants/string-index.js";
import {
  afterExecution,
  housekeepingParameters,
  INITIAL_ONBOARD,
  nextOnboard,
  type OnboardMode,
  type OnboardState,
  safeModeChance,
} from "./housekeeping.js";
import { isKnown, resolveSpacecraftOptions, type SimulatedSpacecraftOptions } from "./spacecraft-options.js";

/** Where the spacecraft's frames go: the downlink (in-process, unreliable, or HTTP). */
export type FrameSink = (frame: DownlinkFrame) => void;

/** What the spacecraft did, for traces and invariant checks. */
export interface SpacecraftEvent {
  readonly kind: "received" | "duplicate" | "rejected" | "executed";
  readonly spacecraftId: string;
  readonly commandId: string;
  readonly at: Instant;
  /** For `executed`: whether execution succeeded. */
  readonly success?: boolean;
}

/** A spacecraft entered or left safe mode. */
export interface ModeChange {
  readonly spacecraftId: string;
  readonly at: Instant;
  readonly mode: OnboardMode;
  /** The command that caused it (`RECOVER`), or null when the spacecraft fell into it alone. */
  readonly commandId: string | null;
}

/** Counters of a simulated spacecraft. */
export interface SpacecraftStats {
  readonly received: number;
  /** Commands received again (ignored: each id executes at most once). */
  readonly duplicates: number;
  readonly rejected: number;
  readonly executed: number;
  readonly failed: number;
  readonly frames: number;
  /** Commands refused because they were for another spacecraft. */
  readonly refused: number;
}

const UPLINK_OK: UplinkResult = Object.freeze({ ok: true });

/**
 * A simulated spacecraft (or a fleet of them: each `spacecraftId` has its own frame `seq`)
 * implementing core's {@link Uplink} port. It executes a command id at most once however often
 * it arrives; rejects names it does not know; reports acceptance after a random delay up to
 * `ackDelayMaxMs`, then completion after a further delay up to `execDelayMaxMs`, failing at
 * `failureRate`. Once {@link startTelemetry} is called, each spacecraft's onboard state moves
 * every `telemetryIntervalMs` (the pure model of `housekeeping.ts`: drifting values, now and then
 * safe mode, left on `RECOVER`) and is sent as a housekeeping frame while in contact. Its frames
 * go to a {@link FrameSink}. Time and randomness come from core's
 * ports only, so it runs on the simulator's virtual clock and on the server's real timers.
 *
 * @example
 * const spacecraft = new SimulatedSpacecraft(clock, new SeededRandom(7), (frame) => void downlink.receive(frame));
 * spacecraft.send({ id, spacecraftId: "sc-1", name: "PING", args: {} }); // { ok: true }
 */
export class SimulatedSpacecraft implements Uplink {
  readonly options: SimulatedSpacecraftOptions;
  /** Every command id received, in order of arrival, indexed by {@link seenIndex}. */
  private readonly seen: string[] = [];
  // A million ids: an index over their column costs less than a Set's growing tables.
  private readonly seenIndex = new StringIndex((row, id) => this.seen[row] === id);
  private readonly seqs = new Map<string, number>();
  private readonly accepted: ReadonlySet<string> | null;
  private counters = {
    received: 0,
    duplicates: 0,
    rejected: 0,
    executed: 0,
    failed: 0,
    frames: 0,
    refused: 0,
  };
  private telemetryTimer: TimerHandle | null = null;
  private readonly onboard = new Map<string, OnboardState>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private sink: FrameSink,
    options: Partial<SimulatedSpacecraftOptions> = {},
    private readonly observe?: (event: SpacecraftEvent) => void,
    private readonly observeMode?: (change: ModeChange) => void,
  ) {
    this.options = resolveSpacecraftOptions(options);
    this.accepted = this.options.spacecraftIds ? new Set(this.options.spacecraftIds) : null;
  }

  /** Sends later frames to another sink (e.g. once the downlink exists). */
  connect(sink: FrameSink): void {
    this.sink = sink;
  }

  /** Takes a command and schedules its reports; answers at once. */
  send(command: UplinkCommand): UplinkResult {
    return this.receive(command);
  }

  /** {@link send}, by its older name. */
  receive(command: UplinkCommand): UplinkResult {
    const { id, spacecraftId } = command;
    if (this.accepted !== null && !this.accepted.has(spacecraftId)) {
      this.counters.refused++;
      return { ok: false, reason: `no spacecraft ${spacecraftId} on this link` };
    }
    const now = this.clock.now();
    // One probe of the index: a million ids make each one a cache miss.
    if (this.seenIndex.addIfAbsent(id, this.seen.length) >= 0) {
      this.counters.duplicates++;
      this.observe?.({ kind: "duplicate", spacecraftId, commandId: id, at: now });
      return UPLINK_OK;
    }
    this.seen.push(id);
    this.counters.received++;
    this.observe?.({ kind: "received", spacecraftId, commandId: id, at: now });
    const known = this.knows(command.name, spacecraftId);
    this.clock.schedule(this.delay(this.options.ackDelayMaxMs), () => {
      if (this.stopped) return;
      if (!known) {
        this.counters.rejected++;
        this.observe?.({ kind: "rejected", spacecraftId, commandId: id, at: this.clock.now() });
        this.emit(spacecraftId, "acceptance", id, false, `unknown command ${command.name}`);
        return;
      }
      this.emit(spacecraftId, "acceptance", id, true);
      this.clock.schedule(this.delay(this.options.execDelayMaxMs), () =>
        this.complete(spacecraftId, id, command.name),
      );
    });
    return UPLINK_OK;
  }

  /**
   * Whether a spacecraft knows a name: asked each time, since a predicate's answer may change
   * (a mission's dictionary put anew).
   */
  private knows(name: string, spacecraftId: string): boolean {
    return isKnown(this.options.knownCommands, name, spacecraftId);
  }

  /**
   * Starts housekeeping every `telemetryIntervalMs` for the given spacecraft (a list, or a
   * function asked at each period, e.g. the registered fleet): each one's onboard state moves
   * one period, and is sent as a `telemetry` frame (`MODE`, `BATT_V`, `TEMP_C`) while in contact.
   */
  startTelemetry(spacecraftIds: readonly string[] | (() => readonly string[])): void {
    const interval = this.options.telemetryIntervalMs;
    if (interval <= 0 || this.telemetryTimer !== null) return;
    const ids = typeof spacecraftIds === "function" ? spacecraftIds : () => spacecraftIds;
    const chance = safeModeChance(interval, this.options.safeModeMeanMs);
    const draw = () => this.random.next();
    const tick = (): void => {
      if (this.stopped) return;
      const now = this.clock.now();
      for (const id of ids()) {
        const before = this.onboardOf(id);
        const after = nextOnboard(before, draw, chance);
        this.onboard.set(id, after);
        if (after.mode !== before.mode)
          this.observeMode?.({ spacecraftId: id, at: now, mode: after.mode, commandId: null });
        if (this.options.inContact?.(id, now) ?? true) this.telemetry(id, housekeepingParameters(after));
      }
      this.telemetryTimer = this.clock.schedule(interval, tick);
    };
    this.telemetryTimer = this.clock.schedule(interval, tick);
  }

  /** A spacecraft's onboard state now (nominal until its housekeeping starts moving it). */
  onboardOf(spacecraftId: string): OnboardState {
    return this.onboard.get(spacecraftId) ?? INITIAL_ONBOARD;
  }

  /** Stops telemetry and drops every report not yet sent. */
  stop(): void {
    this.stopped = true;
    if (this.telemetryTimer !== null) this.clock.cancel(this.telemetryTimer);
    this.telemetryTimer = null;
  }

  /** Whether a command id has reached this spacecraft. */
  hasReceived(commandId: string): boolean {
    return this.seenIndex.get(commandId) >= 0;
  }

  stats(): SpacecraftStats {
    return { ...this.counters };
  }

  private complete(spacecraftId: string, id: string, name: string): void {
    if (this.stopped) return;
    const success = this.random.next() >= this.options.failureRate;
    if (success) this.counters.executed++;
    else this.counters.failed++;
    const at = this.clock.now();
    this.observe?.({ kind: "executed", spacecraftId, commandId: id, at, success });
    if (success) this.emit(spacecraftId, "completion", id, true);
    else this.emit(spacecraftId, "completion", id, false, "execution failed on board");
    const before = this.onboardOf(spacecraftId);
    const after = afterExecution(before, name, success);
    if (after === before) return;
    this.onboard.set(spacecraftId, after);
    this.observeMode?.({ spacecraftId, at, mode: after.mode, commandId: id });
    // The ground hears of the new mode with the report, not a period later.
    if (this.telemetryTimer !== null) this.telemetry(spacecraftId, housekeepingParameters(after));
  }

  private emit(
    spacecraftId: string,
    type: string,
    commandId: string,
    success: boolean,
    reason?: string,
  ): void {
    const seq = this.nextSeq(spacecraftId);
    const time = this.clock.now();
    this.sink(
      reason === undefined
        ? { spacecraftId, seq, time, type, commandId, success }
        : { spacecraftId, seq, time, type, commandId, success, reason },
    );
  }

  private telemetry(spacecraftId: string, parameters: Record<string, TelemetryValue>): void {
    const seq = this.nextSeq(spacecraftId);
    this.sink({ spacecraftId, seq, time: this.clock.now(), type: "telemetry", parameters });
  }

  private nextSeq(spacecraftId: string): number {
    const seq = (this.seqs.get(spacecraftId) ?? 0) + 1;
    this.seqs.set(spacecraftId, seq);
    this.counters.frames++;
    return seq;
  }

  /** A whole number of milliseconds, uniform in `[0, max]`. */
  private delay(max: number): number {
    return max <= 0 ? 0 : Math.floor(this.random.next() * (Math.floor(max) + 1));
  }
}
