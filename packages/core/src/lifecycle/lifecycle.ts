import { transition } from "xstate";
import { UnknownStatusError } from "../errors.js";
import type { FailureReason } from "../types.js";
import { compileLifecycle, type Step, type StepTable, stepTable } from "./compiled-lifecycle.js";
import { defaultLifecycle } from "./default-lifecycle.js";
import {
  isFinalKind,
  type LifecycleDefinition,
  type LifecycleEvent,
  type StateDefinition,
  type StateKind,
} from "./lifecycle-definition.js";
import { createLifecycleMachine, type LifecycleMachine } from "./lifecycle-machine.js";

/**
 * A lifecycle ready for the services: the XState machine, the fast step table proven equal to
 * it, and the questions services ask of a status (is it final, which timeout runs, which kind).
 *
 * @example
 * const lifecycle = new Lifecycle(defaultLifecycle);
 * lifecycle.step("ready", null, { type: "TRANSMIT" }); // { to: "transmitted", ... }
 */
export class Lifecycle {
  readonly machine: LifecycleMachine;
  private readonly table: StepTable;
  private readonly queued: readonly string[];
  private readonly approval: string | null;

  constructor(readonly definition: LifecycleDefinition = defaultLifecycle) {
    this.machine = createLifecycleMachine(definition);
    this.table = compileLifecycle(definition);
    this.queued = Object.entries(definition.states)
      .filter(([, s]) => s.kind === "queued")
      .map(([name]) => name);
    this.approval = Object.entries(definition.states).find(([, s]) => s.kind === "approval")?.[0] ?? null;
  }

  /** The status of a new command. */
  get initial(): string {
    return this.definition.initial;
  }

  /**
   * The status of a new command that needs a second person's approval (SPEC §10): the
   * lifecycle's first state of kind `approval`; null when it has none.
   */
  get approvalStatus(): string | null {
    return this.approval;
  }

  /** Statuses from which the sender may transmit. */
  get queuedStatuses(): readonly string[] {
    return this.queued;
  }

  /** Every status name, in rank order. */
  get statuses(): readonly string[] {
    return Object.entries(this.definition.states)
      .sort(([, a], [, b]) => a.rank - b.rank)
      .map(([name]) => name);
  }

  /** Every event name the lifecycle reacts to. */
  get events(): readonly string[] {
    return [...new Set(this.definition.transitions.map((t) => t.event))];
  }

  state(status: string): StateDefinition {
    const state = this.definition.states[status];
    if (!state) throw new UnknownStatusError(status);
    return state;
  }

  kindOf(status: string): StateKind {
    return this.state(status).kind;
  }

  isFinal(status: string): boolean {
    return isFinalKind(this.state(status).kind);
  }

  /** The fast path: a table lookup, equal to {@link stepWithMachine} (proven by property tests). */
  step(status: string, failureReason: FailureReason | null, event: LifecycleEvent): Step | null {
    return stepTable(this.table, status, failureReason, event);
  }

  /** The reference path: XState's pure `transition()` on a snapshot restored from the status. */
  stepWithMachine(status: string, failureReason: FailureReason | null, event: LifecycleEvent): Step | null {
    const snapshot = this.machine.resolveState({ value: status, context: { failureReason, reason: null } });
    const [next] = transition(this.machine, snapshot, event);
    if (next === snapshot || next.value === snapshot.value) return null;
    return { to: String(next.value), failureReason: next.context.failureReason, reason: next.context.reason };
  }
}
