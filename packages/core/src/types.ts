/**
 * Domain types of Uplink.
 *
 * Glossary:
 * - **telecommand**: an instruction an operator sends to a spacecraft (`name` + `args`); it moves
 *   through a lifecycle from `ready` to a final status.
 * - **contact**: a time window in which a ground station can talk to a spacecraft; commands are
 *   only uplinked inside one.
 * - **pass**: a contact predicted from orbit geometry (AOS to LOS above a minimum elevation).
 * - **frame**: one downlink message from a spacecraft, numbered by a per-spacecraft `seq`.
 * - **report**: a verification report carried by a frame (acceptance or completion, success or failure).
 * - **lease**: a sender's time-limited claim on a `ready` command; an expired lease may be taken over.
 *
 * All instants are milliseconds since the Unix epoch (UTC); adapters format them as RFC 3339.
 */

/** Epoch milliseconds, UTC. */
export type Instant = number;

/** Names of the default lifecycle's statuses, as they appear on the wire. */
export type DefaultStatus =
  | "pending_approval"
  | "ready"
  | "transmitted"
  | "acknowledged"
  | "executed"
  | "failed"
  | "cancelled";

/** A status name; missions may define their own beyond {@link DefaultStatus}. */
export type TelecommandStatus = DefaultStatus | (string & {});

/** Why a command ended `failed`. */
export type FailureReason =
  | "rejected"
  | "timed_out"
  | "expired"
  | "inhibited"
  | "link_error"
  | "completion_failed";

export const FAILURE_REASONS: readonly FailureReason[] = [
  "rejected",
  "timed_out",
  "expired",
  "inhibited",
  "link_error",
  "completion_failed",
];

/** Who caused a transition. */
export type TransitionSource = "operator" | "sender" | "spacecraft" | "timeout" | "system";

/** The actor of an operator's action when no signed-in user is known (an embedding without auth). */
export const ANONYMOUS_ACTOR = "anonymous";

/**
 * The actor a history entry names when no user acted (SPEC §10): the sender, the spacecraft,
 * or the system (timeouts, expiry, inhibits); an operator's action names its user.
 *
 * @example
 * actorOfSource("timeout"); // "system"
 */
export function actorOfSource(source: TransitionSource): string {
  switch (source) {
    case "sender":
      return "sender";
    case "spacecraft":
      return "spacecraft";
    case "operator":
      return ANONYMOUS_ACTOR;
    default:
      return "system";
  }
}

/** JSON-compatible command arguments. */
export type CommandArgs = Record<string, unknown>;

/** A telecommand as stored and as exposed (with instants as numbers). */
export interface Telecommand {
  readonly id: string;
  readonly spacecraftId: string;
  readonly name: string;
  readonly args: CommandArgs;
  readonly priority: number;
  readonly status: TelecommandStatus;
  readonly failureReason: FailureReason | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly transmittedAt: Instant | null;
  readonly acknowledgedAt: Instant | null;
  readonly executedAt: Instant | null;
  readonly failedAt: Instant | null;
  readonly cancelledAt: Instant | null;
  readonly notBefore: Instant | null;
  readonly notAfter: Instant | null;
  /** When the current non-final status times out (acceptance or execution timeout); null otherwise. */
  readonly deadline: Instant | null;
  /** Starts at 1 and grows by one with every applied transition (compare-and-set key). */
  readonly version: number;
  /** What its mission's dictionary said of it at submission (SPEC §9); null when there was none. */
  readonly profile: CommandProfile | null;
  /** The user who submitted it (SPEC §10). */
  readonly submittedBy: string;
  /** Held by an operator (SPEC §10): it stays ready and the sender skips it until released. */
  readonly held: boolean;
}

/**
 * What a command's dictionary entry said of it when its submission was checked: kept with the
 * command, so that a later change of the dictionary changes nothing already queued.
 */
export interface CommandProfile {
  /** The version of the dictionary it was checked against. */
  readonly dictionaryVersion: string;
  readonly category: string;
  readonly hazardous: boolean;
  /** Its own acceptance and execution timeouts, overriding the service's; null: the service's. */
  readonly acceptanceMs: number | null;
  readonly executionMs: number | null;
}

/** The instant fields that a transition may stamp. */
export type StampField = "transmittedAt" | "acknowledgedAt" | "executedAt" | "failedAt" | "cancelledAt";

/**
 * What a history entry records: a `transition` of the lifecycle (applied, or recorded as
 * ignored), an operator's `comment`, which changes nothing, or the `hold` or `release` of a
 * ready command (SPEC §10), which changes its `held` flag and version, not its status.
 */
export type HistoryKind = "transition" | "comment" | "hold" | "release";

/** One entry of a command's append-only history. */
export interface HistoryEntry {
  /** Global, strictly increasing across all commands: the Server-Sent Events id. */
  readonly eventId: number;
  readonly commandId: string;
  /** Position in the command's history, from 1. */
  readonly seq: number;
  readonly from: TelecommandStatus | null;
  readonly to: TelecommandStatus;
  readonly at: Instant;
  readonly reason: string | null;
  readonly source: TransitionSource;
  /** Who did it (SPEC §10): the user, or `sender`, `spacecraft`, `system`. */
  readonly actor: string;
  /** True when the event was recorded but not applied (late or duplicate report, final state). */
  readonly ignored: boolean;
  readonly kind: HistoryKind;
}

/** A transition as published to listeners (SSE, logs, metrics, simulator trace). */
export interface TransitionEvent {
  readonly command: Telecommand;
  readonly entry: HistoryEntry;
}

/** A contact window `[start, end)`. */
export interface ContactWindow {
  readonly spacecraftId: string;
  readonly start: Instant;
  readonly end: Instant;
  /** Ground station name, when the plan knows it. */
  readonly station?: string;
  /** Maximum elevation in degrees, for predicted passes. */
  readonly maxElevationDeg?: number;
}

/** What an operator submits. */
export interface SubmitRequest {
  readonly name: string;
  readonly spacecraftId?: string;
  readonly args?: CommandArgs;
  readonly priority?: number;
  readonly notBefore?: Instant | null;
  readonly notAfter?: Instant | null;
  /** Ask for a second person's approval before it may be sent (SPEC §10); hazardous commands always need it. */
  readonly approval?: boolean;
}

/** A page of a list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The spacecraft used when a submission names none. */
export const DEFAULT_SPACECRAFT_ID = "sc-1";

export type TelemetryValue = number | string | boolean;

/**
 * One downlink frame (SPEC §3). `seq` counts from 1 per spacecraft. Types: `acceptance` and
 * `completion` (with `commandId`, `success`, and `reason` on failure) and `telemetry` (with
 * `parameters`); frames of other types are counted and otherwise ignored.
 */
export interface DownlinkFrame {
  readonly spacecraftId: string;
  readonly seq: number;
  readonly time: Instant;
  readonly type: "acceptance" | "completion" | "telemetry" | (string & {});
  readonly commandId?: string;
  readonly success?: boolean;
  readonly reason?: string;
  readonly parameters?: Readonly<Record<string, TelemetryValue>>;
}
