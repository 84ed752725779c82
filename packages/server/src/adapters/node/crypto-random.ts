import { randomFillSync } from "node:crypto";
import { type Random, SeededRandom } from "@uplink/core";

const POOL_WORDS = 1024;

/**
 * Randomness from the operating system's CSPRNG, drawn in blocks of 4 KiB so that each
 * `next()` costs an array read rather than a system call.
 *
 * @example
 * const random = new CryptoRandom();
 * random.next(); // in [0, 1)
 */
export class CryptoRandom implements Random {
  private readonly pool = new Uint32Array(POOL_WORDS);
  private index = POOL_WORDS;

  next(): number {
    if (this.index === POOL_WORDS) {
      randomFillSync(this.pool);
      this.index = 0;
    }
    return (this.pool[this.index++] as number) / 4294967296;
  }
}

/**
 * The server's randomness: seeded and repeatable when `UPLINK_SEED` is set, otherwise from
 * the operating system.
 *
 * @example
 * const random = createRandom(config.seed);
 */
export function createRandom(seed: number | null): Random {
  return seed === null ? new CryptoRandom() : new SeededRandom(seed);
}
