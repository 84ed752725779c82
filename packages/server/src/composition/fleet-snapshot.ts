import type { Spacecraft, SpacecraftRegistry } from "@uplink/core";

/** Who keeps a copy of the fleet: the contact plan and the uplink, which must answer at once. */
export type FleetListener = (fleet: readonly Spacecraft[]) => void;

/**
 * Keeps the synchronous parts of a process (contact plan, uplink) in step with the registry:
 * read at start, again at once after this process changes the fleet, and every `everyMs` for
 * changes made by other processes.
 *
 * @example
 * const snapshot = new FleetSnapshot(registry, 2_000, onError);
 * snapshot.subscribe((fleet) => plan.update(fleet));
 * await snapshot.start();
 */
export class FleetSnapshot {
  private readonly listeners: FleetListener[] = [];
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private last: readonly Spacecraft[] = [];

  constructor(
    private readonly registry: SpacecraftRegistry,
    private readonly everyMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The fleet as last read (empty before the first read). */
  latest(): readonly Spacecraft[] {
    return this.last;
  }

  subscribe(listener: FleetListener): void {
    this.listeners.push(listener);
  }

  /** Reads the fleet once, then keeps reading it every `everyMs`. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer ??= setInterval(() => void this.refresh(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads the fleet and tells every listener; a refresh asked for while one runs runs after it. */
  refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          const fleet = await this.registry.list();
          this.last = fleet;
          for (const listener of this.listeners) listener(fleet);
        } catch (error) {
          this.onError(error);
        }
      } while (this.again);
      this.reading = null;
    })();
    return this.reading;
  }
}
