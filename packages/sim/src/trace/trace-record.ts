import type { FailureReason, Instant, TransitionSource } from "@uplink/core";

/**
 * One line of a simulation trace. A trace is self-contained: its header and window records
 * carry what {@link checkInvariants} needs besides the lifecycle, and it serialises to JSON
 * Lines with the fields in the order written here, so that the same seed gives the same bytes.
 */
export type TraceRecord =
  | TraceHeader
  | TraceWindow
  | TraceSubmit
  | TraceTransition
  | TraceUplink
  | TraceSpacecraft
  | TraceCancel
  | TraceApproval
  | TraceHold
  | TraceRestart
  | TraceInhibit
  | TraceQueue
  | TraceMode
  | TraceEnd;

/** The first record: what the run was. */
export interface TraceHeader {
  readonly type: "header";
  readonly seed: number;
  readonly start: Instant;
  /** The lifecycle definition's id (the checker must be given the same lifecycle). */
  readonly lifecycle: string;
  readonly acceptanceTimeoutMs: number;
  readonly executionTimeoutMs: number;
  /** The senders' longest transmit delay. */
  readonly transmitDelayMaxMs: number;
  /** How long a sender's lease (and its hold on a spacecraft's queue) lasts. */
  readonly leaseMs: number;
}

/** A contact window of the plan, over the whole run (written after the header). */
export interface TraceWindow {
  readonly type: "window";
  readonly spacecraftId: string;
  readonly start: Instant;
  readonly end: Instant;
  readonly station: string | null;
}

/** A command was stored (the operator's submission). */
export interface TraceSubmit {
  readonly type: "submit";
  readonly at: Instant;
  readonly id: string;
  readonly spacecraftId: string;
  readonly name: string;
  readonly priority: number;
  readonly notBefore: Instant | null;
  readonly notAfter: Instant | null;
  /** Its dictionary's category; absent for a command checked against no dictionary. */
  readonly category?: string;
}

/** A history entry, as published by core (applied, or recorded as ignored). */
export interface TraceTransition {
  readonly type: "transition";
  readonly at: Instant;
  readonly id: string;
  readonly seq: number;
  readonly eventId: number;
  readonly from: string | null;
  readonly to: string;
  readonly reason: string | null;
  readonly source: TransitionSource;
  /** Who did it (SPEC §10): the simulated operator's name, or `sender`, `spacecraft`, `system`. */
  readonly actor: string;
  readonly ignored: boolean;
  readonly failureReason: FailureReason | null;
  /** Only on entries that are not transitions: an operator's `hold` or `release` (SPEC §10), or a `comment`. */
  readonly kind?: "hold" | "release" | "comment";
}

/** The ground handed a command to the uplink. */
export interface TraceUplink {
  readonly type: "uplink";
  readonly at: Instant;
  readonly id: string;
  readonly spacecraftId: string;
}

/** What the spacecraft did with a command. */
export interface TraceSpacecraft {
  readonly type: "spacecraft";
  readonly at: Instant;
  readonly id: string;
  readonly spacecraftId: string;
  readonly event: "received" | "duplicate" | "rejected" | "executed";
  /** For `executed`: whether execution succeeded; otherwise null. */
  readonly success: boolean | null;
}

/** An operator's cancel request and its answer. */
export interface TraceCancel {
  readonly type: "cancel";
  readonly at: Instant;
  readonly id: string;
  readonly ok: boolean;
  /** The status after the request (cancelled, or the status that made it fail). */
  readonly status: string;
}

/** A second person's decision on a command pending approval (SPEC §10), and its answer. */
export interface TraceApproval {
  readonly type: "approval";
  readonly at: Instant;
  readonly id: string;
  readonly decision: "approve" | "reject";
  readonly ok: boolean;
  /** The status after the request (ready or cancelled, or the status that refused it). */
  readonly status: string;
}

/** An operator's hold or release of a ready command (SPEC §10), and its answer. */
export interface TraceHold {
  readonly type: "hold";
  readonly at: Instant;
  readonly id: string;
  readonly action: "hold" | "release";
  readonly ok: boolean;
  /** The status after the request (ready, or the status that refused it). */
  readonly status: string;
}

/** The ground restarted: every sender and service lost its memory (`--crashes`). */
export interface TraceRestart {
  readonly type: "restart";
  readonly at: Instant;
}

/** A spacecraft's inhibits were replaced (`inhibits`): from now on, exactly these. */
export interface TraceInhibit {
  readonly type: "inhibit";
  readonly at: Instant;
  readonly spacecraftId: string;
  readonly categories: readonly string[];
  readonly commands: readonly string[];
}

/**
 * A spacecraft fell into safe mode (`SAFE`, `id` null) or left it (`NOMINAL`, `id` the `RECOVER`
 * command it executed). Written only by runs with housekeeping (`telemetryIntervalMs`).
 */
export interface TraceMode {
  readonly type: "mode";
  readonly at: Instant;
  readonly spacecraftId: string;
  readonly mode: "SAFE" | "NOMINAL";
  readonly id: string | null;
}

/** A spacecraft's queue state changed (`queues`): from now on, this (SPEC §10). */
export interface TraceQueue {
  readonly type: "queue";
  readonly at: Instant;
  readonly spacecraftId: string;
  readonly state: "open" | "held" | "closed";
}

/** The last record: when the run stopped. */
export interface TraceEnd {
  readonly type: "end";
  readonly at: Instant;
}

/** Where trace records go as they happen. */
export interface TraceSink {
  write(record: TraceRecord): void;
}
