import type { MinHeap } from "../adapters/min-heap.js";
import type { TimerHandle } from "../ports/clock.js";
import type { Instant, Telecommand } from "../types.js";

/** A claimed command waiting for its turn on its spacecraft's line. */
export interface Waiting {
  /** The command as claimed (its version is what TRANSMIT or EXPIRE expects). */
  readonly command: Telecommand;
  /** When its own transmit delay ends: it leaves at this instant or later, never earlier. */
  readonly readyAt: Instant;
  /** It left the queue some other way (a cancel, an expiry): skipped when it comes up. */
  gone: boolean;
}

/**
 * One spacecraft's claimed commands, in dispatch order (SPEC §2): the first leaves once its
 * own transmit delay has ended, and each one after it only once it is first. So a random delay
 * may hold a command back but never lets a later one overtake it; a command claimed later that
 * comes first in dispatch order goes to the front. One timer per line, at the first command's
 * `readyAt`.
 */
export interface ReleaseLine {
  readonly spacecraftId: string;
  readonly waiting: MinHeap<Waiting>;
  timer: TimerHandle | null;
  timerAt: Instant;
  /** A transmission of the line's first command is under way (only with ports that promise). */
  busy: boolean;
}
