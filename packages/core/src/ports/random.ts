/** Randomness as a port, so that a seed makes every run repeatable. */
export interface Random {
  /** A number uniformly distributed in [0, 1). */
  next(): number;
}

export const RANDOM = Symbol.for("uplink.Random");
