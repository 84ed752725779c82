import { assign, setup } from "xstate";
import type { FailureReason } from "../types.js";
import {
  isFinalKind,
  type LifecycleDefinition,
  type LifecycleEvent,
  type TransitionDefinition,
} from "./lifecycle-definition.js";

/** What the machine remembers besides its state value. */
export interface LifecycleContext {
  readonly failureReason: FailureReason | null;
  /** The history reason of the last applied transition. */
  readonly reason: string | null;
}

/**
 * Builds the XState v5 machine for a lifecycle definition. It does no I/O: services step it
 * (or its proven-equal fast table, see {@link compileLifecycle}), persist, then act.
 *
 * @example
 * const machine = createLifecycleMachine(defaultLifecycle);
 * const [next] = transition(machine, initialTransition(machine)[0], { type: "TRANSMIT" });
 */
export function createLifecycleMachine(definition: LifecycleDefinition) {
  const machineSetup = setup({
    types: {
      context: {} as LifecycleContext,
      events: {} as LifecycleEvent,
    },
  });

  const applyTransition = (t: TransitionDefinition) =>
    assign<LifecycleContext, LifecycleEvent, undefined, LifecycleEvent, never>(({ event, context }) => ({
      failureReason: t.failureReason ?? context.failureReason,
      reason: event.reason ?? t.note ?? null,
    }));

  const states: Record<string, { type?: "final"; on?: Record<string, unknown> }> = {};
  for (const [name, state] of Object.entries(definition.states)) {
    if (isFinalKind(state.kind)) {
      states[name] = { type: "final" };
      continue;
    }
    const on: Record<string, unknown> = {};
    for (const t of definition.transitions) {
      if (t.from.includes(name)) on[t.event] = { target: t.to, actions: applyTransition(t) };
    }
    states[name] = { on };
  }

  return machineSetup.createMachine({
    id: definition.id,
    initial: definition.initial,
    context: { failureReason: null, reason: null },
    // The definition is data, so the state config is built dynamically; defineLifecycle has checked it.
    states: states as never,
  });
}

/** The machine type for a lifecycle. */
export type LifecycleMachine = ReturnType<typeof createLifecycleMachine>;
