import type { FailureReason } from "../types.js";
import { isFinalKind, type LifecycleDefinition, type LifecycleEvent } from "./lifecycle-definition.js";

/** The outcome of applying one event to one status. */
export interface Step {
  readonly to: string;
  readonly failureReason: FailureReason | null;
  readonly reason: string | null;
}

interface CompiledTransition {
  readonly to: string;
  readonly failureReason: FailureReason | null;
  readonly note: string | null;
  /**
   * The step this transition answered last. Steps are immutable, and nearly every call asks for
   * the same one (a report or timeout event carries no reason of its own): it is answered again
   * rather than built anew, a few million objects fewer in a long simulation.
   */
  last: Step | null;
}

/** A lookup table `status → event → transition`, built from the same definition as the machine. */
export type StepTable = ReadonlyMap<string, ReadonlyMap<string, CompiledTransition>>;

/**
 * Compiles a definition into a step table. The XState interpreter builds an actor per pure
 * `transition()` call (15–20 µs); this table answers in a map lookup, and a property test
 * proves it equal to the machine for every state and event.
 */
export function compileLifecycle(definition: LifecycleDefinition): StepTable {
  const table = new Map<string, Map<string, CompiledTransition>>();
  for (const [name, state] of Object.entries(definition.states)) {
    const byEvent = new Map<string, CompiledTransition>();
    if (!isFinalKind(state.kind)) {
      for (const t of definition.transitions) {
        if (t.from.includes(name)) {
          byEvent.set(t.event, {
            to: t.to,
            failureReason: t.failureReason ?? null,
            note: t.note ?? null,
            last: null,
          });
        }
      }
    }
    table.set(name, byEvent);
  }
  return table;
}

/** Applies an event through a step table; `null` when the event is ignored in that status. */
export function stepTable(
  table: StepTable,
  status: string,
  failureReason: FailureReason | null,
  event: LifecycleEvent,
): Step | null {
  const t = table.get(status)?.get(event.type);
  if (!t) return null;
  const reason = event.reason ?? t.note;
  const failure = t.failureReason ?? failureReason;
  const last = t.last;
  if (last !== null && last.reason === reason && last.failureReason === failure) return last;
  const step: Step = { to: t.to, failureReason: failure, reason };
  t.last = step;
  return step;
}
