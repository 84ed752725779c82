import type { Spacecraft } from "../fleet/spacecraft.js";
import type { ContactPlan } from "../ports/contact-plan.js";
import type { ContactWindow, Instant } from "../types.js";
import { type BuildContactPlanOptions, buildContactPlan, parseContactsSpec } from "./contacts-spec.js";

/**
 * The contact plan of a registered fleet: a spacecraft's own `contacts` where it has one, the
 * process-wide plan otherwise (SPEC §8). Synchronous like every plan, so it answers from the
 * fleet it was last given ({@link FleetContactPlan.update}); plans are rebuilt only for
 * spacecraft whose `contacts` text changed.
 *
 * @example
 * const plan = new FleetContactPlan(new AlwaysContactPlan());
 * plan.update([{ ...sat, contacts: "periodic:90m/10m" }]);
 */
export class FleetContactPlan implements ContactPlan {
  private plans = new Map<string, { readonly text: string; readonly plan: ContactPlan }>();

  constructor(
    private readonly fallback: ContactPlan,
    private readonly options: BuildContactPlanOptions = {},
  ) {}

  /**
   * Takes the fleet as now registered. A spacecraft whose plan cannot be built (a `tle:` file
   * that cannot be read) follows the process-wide plan, and `onError` hears of it.
   */
  update(
    fleet: readonly Pick<Spacecraft, "id" | "contacts">[],
    onError?: (id: string, error: unknown) => void,
  ): void {
    const next = new Map<string, { readonly text: string; readonly plan: ContactPlan }>();
    for (const { id, contacts } of fleet) {
      if (contacts === null) continue;
      const known = this.plans.get(id);
      if (known && known.text === contacts) {
        next.set(id, known);
        continue;
      }
      try {
        next.set(id, {
          text: contacts,
          plan: buildContactPlan(parseContactsSpec(contacts, "contacts"), this.options),
        });
      } catch (error) {
        onError?.(id, error);
      }
    }
    this.plans = next;
  }

  /** The plan a spacecraft follows. */
  planFor(spacecraftId: string): ContactPlan {
    return this.plans.get(spacecraftId)?.plan ?? this.fallback;
  }

  windowAt(spacecraftId: string, at: Instant): ContactWindow | null {
    return this.planFor(spacecraftId).windowAt(spacecraftId, at);
  }

  windowsBetween(spacecraftId: string, from: Instant, to: Instant): ContactWindow[] {
    return this.planFor(spacecraftId).windowsBetween(spacecraftId, from, to);
  }
}
