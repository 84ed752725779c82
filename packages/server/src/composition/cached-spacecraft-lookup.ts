import {
  type Awaitable,
  type Clock,
  isPromiseLike,
  type Spacecraft,
  type SpacecraftChange,
  type SpacecraftLookup,
} from "@uplink/core";

/** How long a registered spacecraft is taken as known without asking the registry again. */
export const SPACECRAFT_LOOKUP_REFRESH_MS = 1_000;

interface Known {
  readonly spacecraft: Spacecraft;
  readonly readAt: number;
}

/**
 * The registry as submissions ask it (is the spacecraft registered, of which mission), with
 * the spacecraft found kept for `refreshMs`: a submission costs a map lookup instead of a
 * database read. Only registered spacecraft are kept, so one registered by another process is
 * accepted at once; this process's own changes ({@link note}) apply at once; a removal or a
 * mission change made by another process applies within `refreshMs` (docs/decisions.md).
 *
 * @example
 * const lookup = new CachedSpacecraftLookup(registry, clock);
 * const fleet = new FleetService(registry, repository, clock, { onChange: (c) => lookup.note(c) });
 * new TelecommandService(repository, clock, random, publisher, { registry: lookup });
 */
export class CachedSpacecraftLookup implements SpacecraftLookup {
  private readonly known = new Map<string, Known>();
  private readonly reading = new Map<string, Promise<Spacecraft | null>>();
  // Bumped by every change this process makes: a read begun before it may answer what the
  // change replaced, so its answer is passed on but not kept.
  private generation = 0;

  constructor(
    private readonly registry: SpacecraftLookup,
    private readonly clock: Clock,
    private readonly refreshMs: number = SPACECRAFT_LOOKUP_REFRESH_MS,
  ) {}

  get(id: string): Awaitable<Spacecraft | null> {
    const now = this.clock.now();
    const known = this.known.get(id);
    if (known !== undefined && now - known.readAt < this.refreshMs) return known.spacecraft;
    // Submissions that miss together share one read.
    const pending = this.reading.get(id);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    const answer = this.registry.get(id);
    if (!isPromiseLike(answer)) {
      this.keep(id, answer, now, generation);
      return answer;
    }
    const read = Promise.resolve(answer).then(
      (spacecraft) => {
        if (this.reading.get(id) === read) this.reading.delete(id);
        this.keep(id, spacecraft, now, generation);
        return spacecraft;
      },
      (error: unknown) => {
        if (this.reading.get(id) === read) this.reading.delete(id);
        throw error;
      },
    );
    this.reading.set(id, read);
    return read;
  }

  /** A change this process made to the registry (the fleet service's `onChange`): applies at once. */
  note(change: SpacecraftChange): void {
    this.generation++;
    const { id } = change.spacecraft;
    this.reading.delete(id);
    if (change.kind === "removed") this.known.delete(id);
    else this.known.set(id, { spacecraft: change.spacecraft, readAt: this.clock.now() });
  }

  private keep(id: string, spacecraft: Spacecraft | null, readAt: number, generation: number): void {
    if (generation !== this.generation) return;
    if (spacecraft === null) this.known.delete(id);
    else this.known.set(id, { spacecraft, readAt });
  }
}
