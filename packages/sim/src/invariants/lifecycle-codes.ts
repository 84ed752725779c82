import type { Lifecycle, StateKind } from "@uplink/core";

/** The code of a command that has no history entry yet. */
export const UNBORN = 255;

/**
 * A lifecycle's statuses as small integer codes (in rank order), with each one's kind and
 * rank, so that the checker's per-command table stores a byte.
 */
export class LifecycleCodes {
  private readonly codes = new Map<string, number>();
  readonly kinds: StateKind[] = [];
  readonly ranks: number[] = [];
  /** The statuses by code (the lifecycle computes its list on every call). */
  private readonly names: readonly string[];

  constructor(readonly lifecycle: Lifecycle) {
    this.names = lifecycle.statuses;
    this.names.forEach((name, code) => {
      this.codes.set(name, code);
      const state = lifecycle.state(name);
      this.kinds.push(state.kind);
      this.ranks.push(state.rank);
    });
  }

  /** The code of a status, or undefined for a status the lifecycle does not define. */
  code(status: string): number | undefined {
    // A handful of statuses, usually the very strings the lifecycle holds: comparing them in
    // turn is quicker than hashing the name for the map.
    const names = this.names;
    for (let i = 0; i < names.length && i < 8; i++) if (names[i] === status) return i;
    return this.codes.get(status);
  }

  kind(code: number): StateKind {
    return this.kinds[code] as StateKind;
  }

  name(code: number): string {
    return code === UNBORN ? "unborn" : (this.names[code] as string);
  }

  /** How many stages run an execution timeout (the bound on time to final grows with each). */
  get executionStages(): number {
    return this.lifecycle.statuses.filter((s) => this.lifecycle.state(s).timeout === "execution").length;
  }
}

/** Whether a state of this kind is final. */
export function isFinalKind(kind: StateKind): boolean {
  return kind === "executed" || kind === "failed" || kind === "cancelled";
}
