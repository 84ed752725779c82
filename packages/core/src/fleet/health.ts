import type { ContactPlan } from "../ports/contact-plan.js";
import type { ContactWindow, Instant, TelemetryValue } from "../types.js";

/** SPEC §8's health of a spacecraft. */
export type Health = "nominal" | "degraded" | "safe" | "silent" | "unknown";

/** The limits of a numeric parameter; a bound that is absent does not apply. */
export interface ParameterLimits {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Where limits come from: a mission's dictionary (SPEC §9) gives them per parameter. Answers
 * null for a parameter without limits. Synchronous: a source keeps its dictionaries at hand.
 */
export type LimitSource = (
  spacecraft: { readonly id: string; readonly mission: string | null },
  parameter: string,
) => ParameterLimits | null;

/** No limits anywhere: nothing is ever degraded. */
export const NO_LIMITS: LimitSource = () => null;

/** What a spacecraft's health is derived from. */
export interface HealthInput {
  readonly spacecraft: { readonly id: string; readonly mission: string | null };
  /** When the ground last received a frame from it; null: never. */
  readonly lastFrameAt: Instant | null;
  /** The latest value of each parameter. */
  readonly telemetry: Readonly<Record<string, { readonly value: TelemetryValue }>>;
  /** The last contact window that has ended (see {@link lastEndedWindow}); null: none. */
  readonly lastWindow: Pick<ContactWindow, "start" | "end"> | null;
  readonly limits: LimitSource;
}

/**
 * A spacecraft's health (SPEC §8), first match wins: `unknown` before any frame; `silent` when
 * no frame came during (or after the start of) the last contact window that has ended, since
 * what is known about it is stale; `safe` when `MODE` is `SAFE`; `degraded` when a numeric
 * parameter is outside its limits; else `nominal`. Pure.
 *
 * @example
 * healthOf({ spacecraft, lastFrameAt: null, telemetry: {}, lastWindow: null, limits: NO_LIMITS }); // "unknown"
 */
export function healthOf(input: HealthInput): Health {
  if (input.lastFrameAt === null) return "unknown";
  if (input.lastWindow !== null && input.lastFrameAt < input.lastWindow.start) return "silent";
  if (input.telemetry.MODE?.value === "SAFE") return "safe";
  for (const name of Object.keys(input.telemetry)) {
    const value = input.telemetry[name]?.value;
    if (typeof value !== "number") continue;
    const limits = input.limits(input.spacecraft, name);
    if (limits === null) continue;
    if (
      (limits.min !== undefined && value < limits.min) ||
      (limits.max !== undefined && value > limits.max)
    ) {
      return "degraded";
    }
  }
  return "nominal";
}

/** How far back {@link lastEndedWindow} looks for a window that ended. */
export const HEALTH_LOOKBACK_MS = 2 * 86_400_000;

/**
 * The last window of the plan that ended at or before `now` (within {@link HEALTH_LOOKBACK_MS});
 * null when none did (an `always` plan never ends).
 */
export function lastEndedWindow(plan: ContactPlan, spacecraftId: string, now: Instant): ContactWindow | null {
  const windows = plan.windowsBetween(spacecraftId, now - HEALTH_LOOKBACK_MS, now);
  for (let i = windows.length - 1; i >= 0; i--) {
    const window = windows[i] as ContactWindow;
    if (window.end <= now) return window;
  }
  return null;
}
