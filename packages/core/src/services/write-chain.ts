import { type Awaitable, andThen } from "../awaitable.js";
import { changedCommand } from "../changed-command.js";
import type { Step } from "../lifecycle/compiled-lifecycle.js";
import type { Lifecycle } from "../lifecycle/lifecycle.js";
import type { LifecycleEvent } from "../lifecycle/lifecycle-definition.js";
import type { CommandStore, TransitionChange } from "../ports/command-store.js";
import type { EventPublisher } from "../ports/event-publisher.js";
import type { Telecommand, TransitionSource } from "../types.js";
import type { ApplyResult } from "./telecommand-service.js";

/** What {@link writeChain} needs of the service: its lifecycle and how it builds a change. */
export interface ChainSteps {
  readonly lifecycle: Lifecycle;
  changeFor(command: Telecommand, step: Step, source: TransitionSource): TransitionChange;
}

/** A written chain's results (one per event written), or its failed compare-and-set. */
export type ChainWritten =
  | { readonly ok: true; readonly results: readonly ApplyResult[] }
  | { readonly ok: false; readonly current: Telecommand | null };

/**
 * Writes the leading `events` that apply one after the other to `command` as one
 * `transitionChain`, and publishes each applied step in order (the command after each step is
 * what the write leaves: {@link changedCommand}); null when the repository has no chains or
 * fewer than two events apply in a row (nothing written). Part of
 * `TelecommandService.applySequence`.
 */
export function writeChain(
  steps: ChainSteps,
  repository: CommandStore,
  publisher: EventPublisher,
  command: Telecommand,
  events: readonly LifecycleEvent[],
  source: TransitionSource,
): Awaitable<ChainWritten | null> {
  const transitionChain = repository.transitionChain;
  if (transitionChain === undefined) return null;
  const changes: TransitionChange[] = [];
  const commands: Telecommand[] = [];
  let current = command;
  for (const event of events) {
    const step = steps.lifecycle.step(current.status, current.failureReason, event);
    if (!step) break;
    const change = steps.changeFor(current, step, source);
    current = changedCommand(current, change);
    changes.push(change);
    commands.push(current);
  }
  if (changes.length < 2) return null;
  return andThen(transitionChain.call(repository, changes), (outcome): ChainWritten => {
    if (!outcome.ok) return outcome;
    const results = outcome.entries.map((entry, i): ApplyResult => {
      const after = i === changes.length - 1 ? outcome.command : (commands[i] as Telecommand);
      publisher.publish({ command: after, entry });
      return { kind: "applied", command: after, entry };
    });
    return { ok: true, results };
  });
}
