import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { ready } from "../../src/awaitable.js";
import type { TransitionChainOutcome, TransitionChange } from "../../src/ports/telecommand-repository.js";
import type { HistoryEntry, Telecommand } from "../../src/types.js";

/** The in-memory repository with `transitionChain`, counting the chains it wrote. */
export class ChainingRepository extends InMemoryTelecommandRepository {
  chains = 0;

  async transitionChain(changes: readonly TransitionChange[]): Promise<TransitionChainOutcome> {
    const entries: HistoryEntry[] = [];
    let command: Telecommand | null = null;
    // Writes that answer at once, one after the other with no await between: atomic, as the port asks.
    for (const [i, change] of changes.entries()) {
      const outcome = ready(this.transition(change));
      if (!outcome.ok) {
        if (i === 0) return outcome;
        throw new Error(`change ${i} of a chain did not follow from the one before`);
      }
      entries.push(outcome.entry);
      command = outcome.command;
    }
    if (command === null) throw new Error("an empty chain");
    this.chains++;
    return { ok: true, command, entries };
  }
}
