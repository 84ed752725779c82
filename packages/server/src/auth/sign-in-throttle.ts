import type { Clock } from "@uplink/core";

/** Failed sign-ins allowed, per user name and per client address, before they are slowed. */
export const FREE_FAILURES = 5;
/** The first wait after the free failures; it doubles with each further failure. */
const FIRST_WAIT_MS = 1_000;
/** The longest wait, and how long failures are remembered after the last one. */
const MAX_WAIT_MS = 15 * 60_000;

/** Names and addresses remembered at most; past it, those forgotten by now are dropped first. */
const MAX_ENTRIES = 100_000;

interface Failures {
  count: number;
  last: number;
}

/**
 * Slows repeated failed sign-ins (SPEC §10): after {@link FREE_FAILURES} failures for a user
 * name or from an address, each further attempt must wait 1 s, 2 s, 4 s … (at most 15 min)
 * after the last failure, else it is refused (429) without checking the password. A success
 * clears the name's and the address's failures. Kept in each API process's memory.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly clock: Clock) {}

  /** Seconds to wait before `name` may be tried from `address` again; 0: try now. */
  waitSeconds(name: string, address: string): number {
    const now = this.clock.now();
    let waitMs = 0;
    for (const key of this.keys(name, address)) {
      const entry = this.failures.get(key);
      if (entry === undefined) continue;
      if (now - entry.last > MAX_WAIT_MS) {
        this.failures.delete(key);
        continue;
      }
      if (entry.count < FREE_FAILURES) continue;
      const wait = Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (entry.count - FREE_FAILURES));
      waitMs = Math.max(waitMs, entry.last + wait - now);
    }
    return Math.ceil(waitMs / 1_000);
  }

  failed(name: string, address: string): void {
    const now = this.clock.now();
    if (this.failures.size >= MAX_ENTRIES) this.forgetOlderThan(now - MAX_WAIT_MS);
    for (const key of this.keys(name, address)) {
      const entry = this.failures.get(key) ?? { count: 0, last: now };
      entry.count++;
      entry.last = now;
      this.failures.set(key, entry);
    }
  }

  succeeded(name: string, address: string): void {
    for (const key of this.keys(name, address)) this.failures.delete(key);
  }

  private forgetOlderThan(instant: number): void {
    for (const [key, entry] of this.failures) if (entry.last < instant) this.failures.delete(key);
    // Still full: a spray of names from many addresses; memory wins over the oldest failures.
    if (this.failures.size >= MAX_ENTRIES) this.failures.clear();
  }

  private keys(name: string, address: string): readonly string[] {
    return [`name:${name}`, `address:${address}`];
  }
}
