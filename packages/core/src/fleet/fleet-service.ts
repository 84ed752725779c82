import { type Awaitable, runTask, type Task, wait } from "../awaitable.js";
import { Lifecycle } from "../lifecycle/lifecycle.js";
import type { Clock } from "../ports/clock.js";
import type { SpacecraftRegistry } from "../ports/spacecraft-registry.js";
import type { TelecommandRepository } from "../ports/telecommand-repository.js";
import type { Instant } from "../types.js";
import {
  MissionNotFoundError,
  SpacecraftBusyError,
  SpacecraftExistsError,
  SpacecraftNotFoundError,
} from "./fleet-errors.js";
import { type FleetSort, inMission, type MissionSummary, missionsOf, sortFleet } from "./fleet-query.js";
import { newSpacecraft, type Spacecraft } from "./spacecraft.js";
import { validateChanges, validateRegistration } from "./spacecraft-validation.js";

/** What happened to a spacecraft's registration (SPEC §8's live `event: spacecraft`). */
export interface SpacecraftChange {
  readonly kind: "registered" | "changed" | "removed";
  readonly spacecraft: Spacecraft;
  readonly at: Instant;
}

/** Which spacecraft to list, in which order. */
export interface FleetListQuery {
  readonly sort: FleetSort;
  /** Only this mission's (case-insensitive). */
  readonly mission?: string;
}

export interface FleetServiceOptions {
  /** The lifecycle whose non-final statuses count as pending (default: the default lifecycle). */
  readonly lifecycle?: Lifecycle;
  /** Told of each registration, change and removal once stored. Must not throw. */
  readonly onChange?: (change: SpacecraftChange) => void;
}

/**
 * Registering, reading, changing and removing spacecraft (SPEC §8), on the registry port. A
 * spacecraft with a command still pending (not final) cannot be removed.
 *
 * @example
 * const fleet = new FleetService(new InMemorySpacecraftRegistry(), repository, clock);
 * await fleet.register({ id: "sat-7", mission: "demo" });
 * await fleet.missions(); // [{ mission: "demo", spacecraft: 1 }]
 */
export class FleetService {
  private readonly pending: readonly string[];
  private readonly onChange: (change: SpacecraftChange) => void;

  constructor(
    readonly registry: SpacecraftRegistry,
    private readonly repository: TelecommandRepository,
    private readonly clock: Clock,
    options: FleetServiceOptions = {},
  ) {
    const lifecycle = options.lifecycle ?? new Lifecycle();
    this.pending = lifecycle.statuses.filter((s) => !lifecycle.isFinal(s));
    this.onChange = options.onChange ?? (() => undefined);
  }

  /** Registers a spacecraft from a request body; a taken id is a {@link SpacecraftExistsError}. */
  register(input: unknown): Awaitable<Spacecraft> {
    return runTask(this.registerTask(input));
  }

  private *registerTask(input: unknown): Task<Spacecraft> {
    const valid = validateRegistration(input);
    const now = this.clock.now();
    const spacecraft = newSpacecraft(valid.id, now, valid);
    if (!(yield* wait(this.registry.add(spacecraft)))) throw new SpacecraftExistsError(valid.id);
    this.onChange({ kind: "registered", spacecraft, at: now });
    return spacecraft;
  }

  /**
   * Registers those of `ids` that are not yet (start-up: the demo fleet, `UPLINK_SPACECRAFT`),
   * each with the settings given; answers the ones it registered.
   */
  ensure(entries: readonly { readonly id: string; readonly settings?: object }[]): Awaitable<string[]> {
    return runTask(this.ensureTask(entries));
  }

  private *ensureTask(
    entries: readonly { readonly id: string; readonly settings?: object }[],
  ): Task<string[]> {
    const added: string[] = [];
    for (const { id, settings } of entries) {
      if (yield* wait(this.registry.get(id))) continue;
      const valid = validateRegistration({ ...settings, id });
      const now = this.clock.now();
      const spacecraft = newSpacecraft(valid.id, now, valid);
      if (!(yield* wait(this.registry.add(spacecraft)))) continue;
      this.onChange({ kind: "registered", spacecraft, at: now });
      added.push(id);
    }
    return added;
  }

  get(id: string): Awaitable<Spacecraft> {
    return runTask(this.getTask(id));
  }

  private *getTask(id: string): Task<Spacecraft> {
    const found = yield* wait(this.registry.get(id));
    if (!found) throw new SpacecraftNotFoundError(id);
    return found;
  }

  /** The fleet, filtered by mission and sorted. */
  list(query: FleetListQuery): Awaitable<Spacecraft[]> {
    return runTask(this.listTask(query));
  }

  private *listTask(query: FleetListQuery): Task<Spacecraft[]> {
    const all = yield* wait(this.registry.list());
    const { mission } = query;
    return sortFleet(mission === undefined ? all : all.filter((s) => inMission(s, mission)), query.sort);
  }

  /** The missions, alphabetically, with their number of spacecraft. */
  missions(): Awaitable<MissionSummary[]> {
    return runTask(this.missionsTask());
  }

  private *missionsTask(): Task<MissionSummary[]> {
    return missionsOf(yield* wait(this.registry.list()));
  }

  /** The spacecraft of one mission (case-insensitive), oldest first; none: {@link MissionNotFoundError}. */
  mission(mission: string, sort: FleetSort): Awaitable<Spacecraft[]> {
    return runTask(this.missionTask(mission, sort));
  }

  private *missionTask(mission: string, sort: FleetSort): Task<Spacecraft[]> {
    const members = yield* this.listTask({ sort, mission });
    if (members.length === 0) throw new MissionNotFoundError(mission);
    return members;
  }

  /** Applies a change body (`PATCH`). */
  update(id: string, input: unknown): Awaitable<Spacecraft> {
    return runTask(this.updateTask(id, input));
  }

  private *updateTask(id: string, input: unknown): Task<Spacecraft> {
    const changes = validateChanges(input);
    const updated = yield* wait(this.registry.update(id, changes));
    if (!updated) throw new SpacecraftNotFoundError(id);
    this.onChange({ kind: "changed", spacecraft: updated, at: this.clock.now() });
    return updated;
  }

  /** Removes a spacecraft that has no pending command ({@link SpacecraftBusyError} otherwise). */
  remove(id: string): Awaitable<void> {
    return runTask(this.removeTask(id));
  }

  private *removeTask(id: string): Task<void> {
    const found = yield* wait(this.registry.get(id));
    if (!found) throw new SpacecraftNotFoundError(id);
    for (const status of this.pending) {
      const page = yield* wait(this.repository.list({ spacecraftId: id, status, limit: 1 }));
      if (page.items.length > 0) throw new SpacecraftBusyError(id);
    }
    // A command submitted between the check and the removal is refused by nobody: it stays
    // stored and is listed, but no new submission reaches a removed spacecraft.
    if (!(yield* wait(this.registry.remove(id)))) throw new SpacecraftNotFoundError(id);
    this.onChange({ kind: "removed", spacecraft: found, at: this.clock.now() });
  }
}
