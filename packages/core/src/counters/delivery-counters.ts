import { type Awaitable, isPromiseLike } from "../awaitable.js";
import type { Lifecycle } from "../lifecycle/lifecycle.js";
import type { Counters, CounterValues } from "../ports/counters.js";
import type { FailureReason, TransitionEvent } from "../types.js";

/** Whether a command reached its spacecraft and ran, or was dropped on the way (SPEC §9). */
export type DeliveryOutcome = "delivered" | "dropped";

/** Delivered and dropped commands, in total and split one way. */
export interface DeliveryCounts {
  readonly delivered: number;
  readonly dropped: number;
}

/** `GET /api/stats`'s delivery figures: in total, by spacecraft, by dictionary category. */
export interface DeliveryStats extends DeliveryCounts {
  readonly bySpacecraft: Readonly<Record<string, DeliveryCounts>>;
  /** Only commands that have a category (their spacecraft's mission has a dictionary). */
  readonly byCategory: Readonly<Record<string, DeliveryCounts>>;
}

const SPACECRAFT = ".spacecraft:";
const CATEGORY = ".category:";
/** The failures that count as dropped: refused on the way, never run (SPEC §9). */
const DROPPED_REASONS: ReadonlySet<FailureReason> = new Set<FailureReason>([
  "inhibited",
  "expired",
  "rejected",
]);

/** The counter names one delivered or dropped command adds 1 to. */
export function deliveryCounterNames(
  outcome: DeliveryOutcome,
  spacecraftId: string,
  category: string | null,
): string[] {
  const names = [outcome, `${outcome}${SPACECRAFT}${spacecraftId}`];
  if (category !== null) names.push(`${outcome}${CATEGORY}${category}`);
  return names;
}

/**
 * The delivery figures among every counter's values.
 *
 * @example
 * deliveryStatsOf(await counters.read()); // { delivered: 3, dropped: 1, bySpacecraft: {...}, byCategory: {...} }
 */
export function deliveryStatsOf(values: CounterValues): DeliveryStats {
  const bySpacecraft: Record<string, { delivered: number; dropped: number }> = {};
  const byCategory: Record<string, { delivered: number; dropped: number }> = {};
  for (const [name, value] of Object.entries(values)) {
    for (const outcome of ["delivered", "dropped"] as const) {
      if (!name.startsWith(outcome)) continue;
      const rest = name.slice(outcome.length);
      const [into, key] = rest.startsWith(SPACECRAFT)
        ? [bySpacecraft, rest.slice(SPACECRAFT.length)]
        : rest.startsWith(CATEGORY)
          ? [byCategory, rest.slice(CATEGORY.length)]
          : [null, ""];
      if (into === null) continue;
      into[key] ??= { delivered: 0, dropped: 0 };
      (into[key] as { delivered: number; dropped: number })[outcome] = value;
    }
  }
  return { delivered: values.delivered ?? 0, dropped: values.dropped ?? 0, bySpacecraft, byCategory };
}

/**
 * Counts delivered (executed) and dropped (failed `inhibited`, `expired` or `rejected`)
 * commands as their transitions are published, in total, by spacecraft and by category; the
 * submission service counts the submissions its checks drop. Subscribe `observe` to the
 * process's publisher: each transition is published once, by the process that stored it.
 *
 * @example
 * publisher.subscribe(new DeliveryCounter(counters, service.lifecycle).observe);
 */
export class DeliveryCounter {
  constructor(
    private readonly counters: Counters,
    private readonly lifecycle: Lifecycle,
  ) {}

  readonly observe = ({ command, entry }: TransitionEvent): void => {
    if (entry.ignored) return;
    const kind = this.lifecycle.kindOf(entry.to);
    const outcome: DeliveryOutcome | null =
      kind === "executed"
        ? "delivered"
        : kind === "failed" && command.failureReason !== null && DROPPED_REASONS.has(command.failureReason)
          ? "dropped"
          : null;
    if (outcome === null) return;
    void countAll(
      this.counters,
      deliveryCounterNames(outcome, command.spacecraftId, command.profile?.category ?? null),
    );
  };
}

/**
 * Adds 1 to each name; a count that cannot be stored is lost rather than failing the work it
 * counts. Undefined when the counters answered at once.
 */
export function countAll(counters: Counters, names: readonly string[]): Promise<void> | undefined {
  const pending: PromiseLike<void>[] = [];
  for (const name of names) {
    try {
      const added: Awaitable<void> = counters.add(name, 1);
      if (isPromiseLike(added)) pending.push(added);
    } catch {
      // Lost, as above.
    }
  }
  if (pending.length === 0) return undefined;
  return Promise.all(pending).then(
    () => undefined,
    () => undefined,
  );
}
