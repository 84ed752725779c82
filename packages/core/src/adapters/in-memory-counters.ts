import { type Counters, type CounterValues, checkCounterAdd } from "../ports/counters.js";

/**
 * A deterministic, in-process {@link Counters}: the reference adapter for the contract suite,
 * the simulator and embedders. It answers at once (no promise), so that services running on it
 * stay synchronous. Its values last as long as the instance.
 *
 * @example
 * const counters = new InMemoryCounters();
 * counters.add("rejectedSubmissions");
 * counters.read(); // { rejectedSubmissions: 1 }
 */
export class InMemoryCounters implements Counters {
  private readonly values = new Map<string, number>();

  add(name: string, n = 1): void {
    checkCounterAdd(name, n);
    if (n === 0) return;
    this.values.set(name, (this.values.get(name) ?? 0) + n);
  }

  read(): CounterValues {
    return Object.fromEntries(this.values);
  }
}
