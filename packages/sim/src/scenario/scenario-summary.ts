import type { CommandSenderStats, DownlinkStats, Instant } from "@uplink/core";
import type { UnreliableDownlinkStats } from "../downlink/unreliable-downlink.js";
import type { InvariantName, Violation } from "../invariants/invariants.js";
import type { SpacecraftStats } from "../spacecraft/simulated-spacecraft.js";
import type { TraceRecord, TraceSink } from "../trace/trace-record.js";

/** What a run did, in numbers. */
export interface ScenarioSummary {
  readonly seed: number;
  readonly commands: number;
  readonly submitted: number;
  readonly spacecraft: readonly string[];
  /** The contact plan, as its `UPLINK_CONTACTS` text or its class name. */
  readonly contacts: string;
  /** Senders sharing the repository. */
  readonly senders: number;
  /** When the ground restarted (lost its memory), in order. */
  readonly crashes: readonly Instant[];
  readonly start: Instant;
  /** When the run stopped (after the drain). */
  readonly end: Instant;
  readonly windows: number;
  /** Commands by final (or current) status. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly failureReasons: Readonly<Record<string, number>>;
  readonly cancels: { readonly requested: number; readonly succeeded: number };
  /** Second operators' decisions on commands pending approval (SPEC §10), and those that took effect. */
  readonly approvals: { readonly approved: number; readonly rejected: number; readonly tooLate: number };
  /** Operators' holds and releases of ready commands (SPEC §10), and those that came too late. */
  readonly holds: { readonly held: number; readonly released: number; readonly tooLate: number };
  /** Every sender of every life of the ground, added up. */
  readonly sender: CommandSenderStats;
  /** The downlink processor of every life of the ground, added up. */
  readonly downlink: DownlinkStats;
  readonly link: UnreliableDownlinkStats;
  readonly spacecraftStats: SpacecraftStats;
  /** Virtual-clock events run. */
  readonly events: number;
  readonly traceRecords: number;
  /** {@link TraceHasher} digest: the same seed gives the same hash. */
  readonly traceHash: string;
  readonly invariants: {
    readonly ok: boolean;
    readonly violation: Violation | null;
    readonly checked: readonly InvariantName[];
  };
  /** Wall-clock time of the run and the resulting rate (not part of the trace). */
  readonly wallMs: number;
  readonly commandsPerSecond: number;
  /** Unexpected errors in the simulated operators' submissions and cancels (0 in a healthy run). */
  readonly workloadErrors: number;
  /** Changes of the spacecraft's inhibits applied during the run (`inhibits`, `inhibitChanges`). */
  readonly inhibitChanges: number;
  /** Submissions refused at submission because their name was inhibited (runs with inhibits). */
  readonly inhibitedAtSubmission: number;
  /** Changes of the spacecraft's queue states applied during the run (`queues`, `queueChanges`). */
  readonly queueChanges: number;
  /** Submissions refused because their spacecraft's queue was closed (SPEC §10). */
  readonly queueClosedAtSubmission: number;
  /** RECOVER commands the operators sent because housekeeping said SAFE (`telemetryIntervalMs`). */
  readonly recovers: number;
  /** Submissions the scenario's dictionary refused (unknown name or bad argument; `dictionary`). */
  readonly refusedAtSubmission: number;
}

/** Counts final outcomes and cancels as the trace streams by. */
/** What a run's trace says of the operators' requests and the commands' failures. */
export interface TraceOutcomes {
  readonly failureReasons: Record<string, number>;
  readonly cancels: { readonly requested: number; readonly succeeded: number };
  readonly approvals: { readonly approved: number; readonly rejected: number; readonly tooLate: number };
  readonly holds: { readonly held: number; readonly released: number; readonly tooLate: number };
  readonly windows: number;
}

export class OutcomeCounter implements TraceSink {
  readonly failureReasons: Record<string, number> = {};
  readonly cancels = { requested: 0, succeeded: 0 };
  readonly approvals = { approved: 0, rejected: 0, tooLate: 0 };
  readonly holds = { held: 0, released: 0, tooLate: 0 };
  windows = 0;

  write(record: TraceRecord): void {
    if (record.type === "transition") {
      if (
        !record.ignored &&
        record.to !== record.from &&
        record.failureReason !== null &&
        record.to === "failed"
      ) {
        this.failureReasons[record.failureReason] = (this.failureReasons[record.failureReason] ?? 0) + 1;
      }
    } else if (record.type === "cancel") {
      this.cancels.requested++;
      if (record.ok) this.cancels.succeeded++;
    } else if (record.type === "hold") {
      if (!record.ok) this.holds.tooLate++;
      else if (record.action === "hold") this.holds.held++;
      else this.holds.released++;
    } else if (record.type === "approval") {
      if (!record.ok) this.approvals.tooLate++;
      else if (record.decision === "approve") this.approvals.approved++;
      else this.approvals.rejected++;
    } else if (record.type === "window") {
      this.windows++;
    }
  }

  /** The counts so far, as plain data. */
  outcomes(): TraceOutcomes {
    return {
      failureReasons: { ...this.failureReasons },
      cancels: { ...this.cancels },
      approvals: { ...this.approvals },
      holds: { ...this.holds },
      windows: this.windows,
    };
  }
}

/** Counters of several senders (several at once, or one after another across restarts), added up. */
export function sumSenderStats(all: readonly CommandSenderStats[]): CommandSenderStats {
  return addUp(all);
}

/** Counters of the downlink processors of successive lives of the ground, added up. */
export function sumDownlinkStats(all: readonly DownlinkStats[]): DownlinkStats {
  return addUp(all);
}

/** Adds up every numeric counter of a non-empty list of counter objects of one kind. */
function addUp<T extends object>(all: readonly T[]): T {
  const total: Record<string, number> = {};
  for (const stats of all) {
    for (const [key, value] of Object.entries(stats)) {
      if (typeof value === "number") total[key] = (total[key] ?? 0) + value;
    }
  }
  return total as T;
}
