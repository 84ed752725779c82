import {
  type Clock,
  type CommandSender,
  type ContactPlan,
  type Counters,
  DEFAULT_SPACECRAFT_ID,
  deliveryStatsOf,
  downlinkTotalsOf,
  healthOf,
  type LimitSource,
  lastEndedWindow,
  NO_LIMITS,
  type QueueCatalog,
  type QueueState,
  type Spacecraft,
  type SpacecraftRegistry,
  type TelecommandRepository,
  type TelecommandService,
  type TelemetryArchive,
  UNKNOWN_SPACECRAFT_COUNTER,
} from "@uplink/core";
import type { Database } from "../database/database.js";
import { migrationsPending } from "../database/migrate.js";
import type { Readiness, StatsSnapshot } from "../http/http-deps.js";
import type { SpacecraftLive } from "../http/wire/spacecraft-wire.js";

export interface RuntimeStatusDeps {
  readonly db: Database;
  readonly repository: TelecommandRepository;
  readonly service: TelecommandService;
  /** Where every process adds the downlink's counts (the log does, as it stores frames). */
  readonly counters: Counters;
  readonly sender: () => CommandSender | null;
  readonly registry: SpacecraftRegistry;
  readonly telemetry: TelemetryArchive;
  /** Health: when each spacecraft's last contact ended, and the limits of its parameters. */
  readonly contactPlan: ContactPlan;
  readonly clock: Clock;
  readonly limits?: LimitSource;
  /** The spacecraft's queue states (SPEC §10); every queue is open without them. */
  readonly queues?: QueueCatalog;
  /** Spacecraft named by configuration (the default one is always included). */
  readonly configuredSpacecraft?: readonly string[];
}

const SEEN_LIMIT = 1_000;

/**
 * The numbers and checks the HTTP layer reports: `/api/stats`, `/metrics`, `/readyz`, and the
 * spacecraft listed by `/api/contacts`. Chain {@link RuntimeStatus.observe} to the publisher.
 *
 * @example
 * const status = new RuntimeStatus({ db, repository, service, counters, sender: () => sender });
 * publisher.subscribe(status.observe);
 * await status.readiness(); // { ok: true, checks: { database: true, migrations: true } }
 */
export class RuntimeStatus {
  private transitions = 0;
  private migrated = false;
  private readonly seen = new Set<string>();

  constructor(private readonly deps: RuntimeStatusDeps) {
    this.seen.add(DEFAULT_SPACECRAFT_ID);
    for (const id of deps.configuredSpacecraft ?? []) this.seen.add(id);
  }

  /** Counts a transition and remembers its spacecraft. */
  readonly observe = (event: {
    readonly command: { readonly spacecraftId: string };
    readonly entry: { readonly ignored: boolean };
  }): void => {
    if (!event.entry.ignored) this.transitions++;
    if (this.seen.size < SEEN_LIMIT) this.seen.add(event.command.spacecraftId);
  };

  async stats(): Promise<StatsSnapshot> {
    const byStatus = await this.deps.repository.countByStatus();
    const submissions = await this.deps.service.stats();
    // Stored by every process's downlink log: the same from any process, and after a restart.
    const values = await this.deps.counters.read();
    const downlink = downlinkTotalsOf(values);
    return {
      byStatus,
      rejectedSubmissions: submissions.rejectedSubmissions,
      duplicateSubmissions: submissions.duplicateSubmissions,
      downlink: {
        received: downlink.received,
        accepted: downlink.accepted,
        duplicates: downlink.duplicates,
        conflicts: downlink.conflicts,
        gaps: downlink.gaps,
        late: downlink.late,
        unknownCommand: downlink.unknownCommand,
        unknownType: downlink.unknownType,
        telemetry: downlink.telemetry,
      },
      unknownSpacecraft: values[UNKNOWN_SPACECRAFT_COUNTER] ?? 0,
      transitions: this.transitions,
      senderClaims: this.deps.sender()?.stats().claims ?? 0,
      delivery: deliveryStatsOf(values),
    };
  }

  /** Database reachable and every migration applied (once applied, not asked again). */
  async readiness(): Promise<Readiness> {
    const database = await this.deps.db.ping();
    if (database && !this.migrated) {
      this.migrated = await migrationsPending(this.deps.db.knex).then(
        (pending) => !pending,
        () => false,
      );
    }
    return { ok: database && this.migrated, checks: { database, migrations: database && this.migrated } };
  }

  /** The registered spacecraft, the default one, those with queued commands and those seen here. */
  async knownSpacecraft(): Promise<readonly string[]> {
    const queued = await this.deps.repository.spacecraftWithQueued(
      this.deps.service.lifecycle.queuedStatuses,
    );
    const registered = (await this.deps.registry.list()).map((s) => s.id);
    return [...new Set([...registered, ...this.seen, ...queued])].sort();
  }

  /** What the wire adds to each spacecraft: its queue state, health and latest telemetry. */
  async live(fleet: readonly Spacecraft[]): Promise<ReadonlyMap<string, SpacecraftLive>> {
    const latest = await this.deps.telemetry.latest(fleet.map((s) => s.id));
    const queues = this.deps.queues;
    const states = await Promise.all(
      fleet.map((s): QueueState | PromiseLike<QueueState> =>
        queues === undefined ? "open" : queues.current(s.id),
      ),
    );
    const now = this.deps.clock.now();
    const telemetry = new Map<string, Record<string, SpacecraftLive["telemetry"][string]>>();
    for (const { spacecraftId, name, value, time, seq } of latest) {
      let values = telemetry.get(spacecraftId);
      if (!values) {
        values = {};
        telemetry.set(spacecraftId, values);
      }
      values[name] = { value, time, seq };
    }
    return new Map(
      fleet.map((s, i) => [
        s.id,
        {
          queue: states[i] ?? "open",
          health: healthOf({
            spacecraft: s,
            lastFrameAt: s.lastFrameAt,
            telemetry: telemetry.get(s.id) ?? {},
            lastWindow: lastEndedWindow(this.deps.contactPlan, s.id, now),
            limits: this.deps.limits ?? NO_LIMITS,
          }),
          telemetry: telemetry.get(s.id) ?? {},
        },
      ]),
    );
  }
}
