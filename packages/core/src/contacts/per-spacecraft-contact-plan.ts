import type { ContactPlan } from "../ports/contact-plan.js";
import type { ContactWindow, Instant } from "../types.js";

/**
 * One plan per spacecraft, with a fallback for the others. Without a fallback, a spacecraft
 * that has no plan is never in contact (its commands wait until a plan is configured).
 *
 * @example
 * const plan = new PerSpacecraftContactPlan({ "sc-1": new AlwaysContactPlan() }, new PeriodicContactPlan({ periodMs: 5_400_000, durationMs: 600_000 }));
 */
export class PerSpacecraftContactPlan implements ContactPlan {
  private readonly plans: ReadonlyMap<string, ContactPlan>;

  constructor(
    plans: ReadonlyMap<string, ContactPlan> | Readonly<Record<string, ContactPlan>>,
    private readonly fallback: ContactPlan | null = null,
  ) {
    this.plans = plans instanceof Map ? new Map(plans) : new Map(Object.entries(plans));
  }

  /** The plan used for a spacecraft, or null when it has none. */
  planFor(spacecraftId: string): ContactPlan | null {
    return this.plans.get(spacecraftId) ?? this.fallback;
  }

  windowAt(spacecraftId: string, at: Instant): ContactWindow | null {
    return this.planFor(spacecraftId)?.windowAt(spacecraftId, at) ?? null;
  }

  windowsBetween(spacecraftId: string, from: Instant, to: Instant): ContactWindow[] {
    return this.planFor(spacecraftId)?.windowsBetween(spacecraftId, from, to) ?? [];
  }
}
