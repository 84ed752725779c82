import { ConfigError } from "../errors.js";
import type { Telecommand } from "../types.js";
import type { AppliedFrame } from "./downlink-report.js";
import { defaultFrameToEvent, type FrameToEvent } from "./frame-to-event.js";

/** How the downlink processor waits, buffers, maps and reports. */
export interface DownlinkProcessorOptions {
  /** How long a missing seq is waited for once a later frame shows it missing (ms). */
  readonly gapTimeoutMs: number;
  /** Frames held per spacecraft ahead of a gap; one more skips the gap at once. */
  readonly maxBuffered: number;
  /** Gap records kept for {@link DownlinkProcessor.recentGaps} (oldest dropped first). */
  readonly maxGapRecords: number;
  /** Report frame → lifecycle event; a mission with more report types supplies its own. */
  readonly toEvent: FrameToEvent;
  /** Called for every frame applied, in application order (logs, traces, invariant checks). Must not throw. */
  readonly onFrame?: (applied: AppliedFrame) => void;
  /** Called with failures of work started by a gap timer, which has no caller to throw to. */
  readonly onError?: (error: unknown) => void;
  /**
   * Frames applied at once: reports of different commands run concurrently (so that storage can
   * commit their transitions together), those of one command in `seq` order, and outcomes are
   * still reported in `seq` order. 1 (the default) applies one frame at a time.
   */
  readonly applyConcurrency: number;
  /**
   * The latest copy of a command that this process has at hand (say, from its own last
   * transition), so that applying a report need not read the command first. It may be out of
   * date: a report is then applied as the `hint` option of `TelecommandService.apply` describes. Absent (the default),
   * every report reads its command.
   */
  readonly known?: (commandId: string) => Telecommand | undefined;
}

/** Every default of the downlink processor, in one place. */
export const DEFAULT_DOWNLINK_OPTIONS: DownlinkProcessorOptions = Object.freeze({
  gapTimeoutMs: 5_000,
  maxBuffered: 10_000,
  maxGapRecords: 100,
  toEvent: defaultFrameToEvent,
  applyConcurrency: 1,
});

/** Merges options over the defaults and checks them; a bad value throws {@link ConfigError}. */
export function resolveDownlinkOptions(
  options: Partial<DownlinkProcessorOptions> = {},
): DownlinkProcessorOptions {
  const resolved = { ...DEFAULT_DOWNLINK_OPTIONS, ...options };
  if (!Number.isFinite(resolved.gapTimeoutMs) || resolved.gapTimeoutMs < 0) {
    throw new ConfigError("gapTimeoutMs", "a number of milliseconds ≥ 0");
  }
  if (!Number.isSafeInteger(resolved.maxBuffered) || resolved.maxBuffered < 1) {
    throw new ConfigError("maxBuffered", "an integer ≥ 1");
  }
  if (!Number.isSafeInteger(resolved.maxGapRecords) || resolved.maxGapRecords < 0) {
    throw new ConfigError("maxGapRecords", "an integer ≥ 0");
  }
  if (!Number.isSafeInteger(resolved.applyConcurrency) || resolved.applyConcurrency < 1) {
    throw new ConfigError("applyConcurrency", "an integer ≥ 1");
  }
  return resolved;
}
