import type { TelemetryValue } from "@uplink/core";

/** The operating modes of the simulated spacecraft (the demo dictionary's `MODE`). */
export type OnboardMode = "NOMINAL" | "SAFE";

/** What a simulated spacecraft's housekeeping telemetry reports. */
export interface OnboardState {
  readonly mode: OnboardMode;
  /** Battery voltage, V. */
  readonly battery: number;
  /** Bus temperature, °C. */
  readonly temperature: number;
}

/** How a spacecraft starts: nominal, with its battery and bus at their usual values. */
export const INITIAL_ONBOARD: OnboardState = Object.freeze({ mode: "NOMINAL", battery: 28, temperature: 20 });

/** The command that brings a spacecraft out of safe mode. */
export const RECOVER_COMMAND = "RECOVER";

// Where the values settle in each mode: in safe mode the payload is off, so the bus cools and
// the battery charges. Both stay within the demo dictionary's limits (BATT_V 24–33, TEMP_C −10–45).
const SETTLE: Readonly<Record<OnboardMode, { readonly battery: number; readonly temperature: number }>> = {
  NOMINAL: { battery: 28, temperature: 20 },
  SAFE: { battery: 30, temperature: 8 },
};
const PULL = 0.1;

/**
 * The chance that a nominal spacecraft falls into safe mode during one housekeeping period of
 * `periodMs`, when it does so on average once every `meanMs` (0: never).
 *
 * @example
 * safeModeChance(10_000, 3_600_000); // ≈ 0.0028
 */
export function safeModeChance(periodMs: number, meanMs: number): number {
  if (meanMs <= 0 || periodMs <= 0) return 0;
  return 1 - Math.exp(-periodMs / meanMs);
}

/**
 * One housekeeping period of a spacecraft: its values drift towards where its mode settles
 * them, with noise, and a nominal spacecraft falls into safe mode with probability `chance`.
 * Pure: the three draws (uniform in [0, 1)) come from `draw`, in a fixed order.
 *
 * @example
 * const next = nextOnboard(INITIAL_ONBOARD, () => random.next(), safeModeChance(10_000, 3_600_000));
 */
export function nextOnboard(state: OnboardState, draw: () => number, chance: number): OnboardState {
  const fall = draw() < chance;
  const noiseBattery = draw() - 0.5;
  const noiseTemperature = draw() - 0.5;
  const mode: OnboardMode = state.mode === "NOMINAL" && fall ? "SAFE" : state.mode;
  const settle = SETTLE[mode];
  return {
    mode,
    battery: round(state.battery + (settle.battery - state.battery) * PULL + noiseBattery * 0.2, 100),
    temperature: round(
      state.temperature + (settle.temperature - state.temperature) * PULL + noiseTemperature,
      10,
    ),
  };
}

/**
 * What executing a command does to the onboard state: a successful `RECOVER` takes a spacecraft
 * out of safe mode; anything else changes nothing.
 */
export function afterExecution(state: OnboardState, name: string, success: boolean): OnboardState {
  if (!success || name !== RECOVER_COMMAND || state.mode !== "SAFE") return state;
  return { ...state, mode: "NOMINAL" };
}

/** The housekeeping frame's parameters (SPEC §8: at least `MODE`, `BATT_V`, `TEMP_C`). */
export function housekeepingParameters(state: OnboardState): Record<string, TelemetryValue> {
  return { MODE: state.mode, BATT_V: state.battery, TEMP_C: state.temperature };
}

function round(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}
