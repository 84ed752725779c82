import type { TransitionChange } from "./ports/telecommand-repository.js";
import type { Telecommand } from "./types.js";

/**
 * The command that a successful `change` leaves, given the command at `change.expectedVersion`:
 * what every repository's compare-and-set writes (the new status, failure reason, deadline and
 * `updatedAt`, stamps that are set, the version one higher). Services use it to step the
 * lifecycle again before the write of a chain of changes; adapters, to answer a change to a
 * command they already hold without reading it back. Written out field by field: a spread with
 * overrides cost more than the rest of an adapter's handling of the change.
 *
 * @example
 * const after = changedCommand(command, service.changeFor(command, step, "spacecraft"));
 */
export function changedCommand(before: Telecommand, change: TransitionChange): Telecommand {
  const stamps = change.stamps;
  return {
    id: before.id,
    spacecraftId: before.spacecraftId,
    name: before.name,
    args: before.args,
    priority: before.priority,
    status: change.to,
    failureReason: change.failureReason,
    createdAt: before.createdAt,
    updatedAt: change.at,
    transmittedAt: stamps.transmittedAt ?? before.transmittedAt,
    acknowledgedAt: stamps.acknowledgedAt ?? before.acknowledgedAt,
    executedAt: stamps.executedAt ?? before.executedAt,
    failedAt: stamps.failedAt ?? before.failedAt,
    cancelledAt: stamps.cancelledAt ?? before.cancelledAt,
    notBefore: before.notBefore,
    notAfter: before.notAfter,
    deadline: change.deadline,
    version: change.expectedVersion + 1,
    profile: before.profile,
    submittedBy: before.submittedBy,
    held: change.held ?? before.held,
  };
}
