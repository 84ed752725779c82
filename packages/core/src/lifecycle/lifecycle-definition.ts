import { LifecycleDefinitionError } from "../errors.js";
import type { FailureReason, StampField } from "../types.js";

/**
 * What a state means to the services, independent of its name, so that a mission can rename
 * states or add stages and the sender, the timeouts and the stamps keep working.
 */
export type StateKind =
  /** Waiting for a second person's approval (SPEC §10): never sent, may be cancelled. */
  "approval" | "queued" | "transmitted" | "acknowledged" | "progress" | "executed" | "failed" | "cancelled";

/** The events the services send; a mission may add its own (e.g. `STARTED`). */
export type StandardEventType =
  | "TRANSMIT"
  | "CANCEL"
  | "ACCEPTED"
  | "REJECTED"
  | "COMPLETED"
  | "COMPLETION_FAILED"
  | "TIMEOUT"
  | "EXPIRE"
  | "INHIBIT"
  | "LINK_ERROR"
  | "APPROVE"
  | "REJECT";

/** An event sent to a command's lifecycle; `reason` is free text kept in the history. */
export interface LifecycleEvent {
  readonly type: StandardEventType | (string & {});
  readonly reason?: string;
}

export interface StateDefinition {
  readonly kind: StateKind;
  /** Order along the lifecycle: every transition must go to a higher rank (nothing regresses). */
  readonly rank: number;
  /** Which timeout runs while a command sits in this state. */
  readonly timeout?: "acceptance" | "execution";
}

export interface TransitionDefinition {
  readonly event: string;
  readonly from: readonly string[];
  readonly to: string;
  /** Required when `to` is of kind `failed`. */
  readonly failureReason?: FailureReason;
  /** Kept in the history when the event carries no reason of its own. */
  readonly note?: string;
}

/** A lifecycle as data: the XState machine and the fast step table are both built from it. */
export interface LifecycleDefinition {
  readonly id: string;
  readonly initial: string;
  readonly states: Readonly<Record<string, StateDefinition>>;
  readonly transitions: readonly TransitionDefinition[];
}

const FINAL_KINDS: ReadonlySet<StateKind> = new Set(["executed", "failed", "cancelled"]);

/** Whether a command in a state of this kind may still be cancelled (it has not left the ground). */
export function isCancellableKind(kind: StateKind): boolean {
  return kind === "queued" || kind === "approval";
}

/** Whether a state of this kind is final (absorbs every later event). */
export function isFinalKind(kind: StateKind): boolean {
  return FINAL_KINDS.has(kind);
}

/** The command field stamped when a command enters a state of this kind. */
export function stampFieldOf(kind: StateKind): StampField | null {
  switch (kind) {
    case "transmitted":
      return "transmittedAt";
    case "acknowledged":
      return "acknowledgedAt";
    case "executed":
      return "executedAt";
    case "failed":
      return "failedAt";
    case "cancelled":
      return "cancelledAt";
    default:
      return null;
  }
}

/**
 * Checks a definition and returns it unchanged: one initial `queued` state, known states in
 * every transition, ranks that only grow, no transition out of a final state, a failure reason
 * on every transition into a `failed` state, cancel only from `queued` and `approval` states,
 * APPROVE only from an `approval` state to a `queued` one, nothing from an `approval` state
 * but to a queued, cancelled or failed one, and no event that leads two ways from the same state.
 *
 * @example
 * const mine = defineLifecycle({ ...defaultLifecycle, id: "mine", states: { ... }, transitions: [...] });
 */
export function defineLifecycle<const D extends LifecycleDefinition>(definition: D): D {
  const fail = (message: string): never => {
    throw new LifecycleDefinitionError(definition.id, message);
  };
  const initial = definition.states[definition.initial];
  if (!initial) fail(`initial state "${definition.initial}" is not defined`);
  if (initial?.kind !== "queued") fail(`initial state "${definition.initial}" must be of kind "queued"`);
  const seen = new Set<string>();
  for (const t of definition.transitions) {
    const to = definition.states[t.to];
    if (!to) fail(`transition ${t.event} goes to unknown state "${t.to}"`);
    if (to?.kind === "failed" && !t.failureReason)
      fail(`transition ${t.event} to "${t.to}" needs a failureReason`);
    if (t.event === "CANCEL" && to?.kind !== "cancelled") fail(`CANCEL must lead to a cancelled state`);
    for (const f of t.from) {
      const from = definition.states[f];
      if (!from) fail(`transition ${t.event} comes from unknown state "${f}"`);
      if (from && isFinalKind(from.kind)) fail(`transition ${t.event} leaves final state "${f}"`);
      if (from && to && to.rank <= from.rank)
        fail(`transition ${t.event} from "${f}" to "${t.to}" regresses`);
      if (t.event === "CANCEL" && from && !isCancellableKind(from.kind))
        fail(`CANCEL is only allowed from queued and approval states`);
      if (t.event === "APPROVE" && (from?.kind !== "approval" || to?.kind !== "queued"))
        fail(`APPROVE must lead from an approval state to a queued state`);
      // Nothing leaves the ground unapproved: an approval state leads only back to the queue or to an end.
      if (from?.kind === "approval" && to && !["queued", "cancelled", "failed"].includes(to.kind))
        fail(
          `transition ${t.event} from approval state "${f}" may only lead to a queued, cancelled or failed state`,
        );
      const key = `${f}\u0000${t.event}`;
      if (seen.has(key)) fail(`event ${t.event} leads two ways from "${f}"`);
      seen.add(key);
    }
  }
  return definition;
}
