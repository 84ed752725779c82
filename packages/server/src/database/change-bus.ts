/**
 * One stored history entry, as announced to other parts of the process (and, on PostgreSQL,
 * to other processes through NOTIFY): enough to route it, not the whole command.
 */
export interface ChangeNotice {
  /** The history entry's global id: read the entry itself with `historyAfter(eventId - 1, 1)`. */
  readonly eventId: number;
  readonly commandId: string;
  /** The command's status after the entry. */
  readonly status: string;
  readonly spacecraftId: string;
  /** True for the first entry of a new command (`null → initial`). */
  readonly submitted: boolean;
}

/** A listener of {@link ChangeBus}. */
export type ChangeNoticeListener = (notices: readonly ChangeNotice[]) => void;

/**
 * The in-process channel through which the embedded database's adapters announce committed
 * history entries (PGlite has no second connection to LISTEN on). One per {@link Database}.
 *
 * @example
 * const off = db.localBus.subscribe((notices) => console.log(notices.length));
 * off();
 */
export class ChangeBus {
  private readonly listeners = new Set<ChangeNoticeListener>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: ChangeNoticeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Delivers committed entries to every listener; a throwing listener does not stop the others. */
  publish(notices: readonly ChangeNotice[]): void {
    if (notices.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(notices);
      } catch {
        // A listener's failure is its own; storage has already committed.
      }
    }
  }
}
