import {
  type CommandSenderOptions,
  ConfigError,
  type ContactPlan,
  DEFAULT_TIMEOUTS,
  type Dictionary,
  DictionaryError,
  type DownlinkProcessorOptions,
  type Instant,
  type Lifecycle,
  parseDictionary,
  parseInhibits,
  QUEUE_STATES,
  type Timeouts,
  ValidationError,
} from "@uplink/core";
import type { DependencyContainer } from "tsyringe";
import type { UnreliableDownlinkOptions } from "../downlink/unreliable-downlink.js";
import type { TleResolverOptions } from "../passes/tle-resolver.js";
import type { SimulatedSpacecraftOptions } from "../spacecraft/spacecraft-options.js";
import type { TraceSink } from "../trace/trace-record.js";
import type { InhibitChange } from "./inhibit-schedule.js";
import type { QueueChange } from "./queue-schedule.js";

/** What the simulated operators submit. Rates are probabilities per command. */
export interface WorkloadOptions {
  /** Commands whose name the spacecraft does not know (`UNKNOWN_…`), so they are rejected. Default 0.02. */
  readonly unknownRate: number;
  /** Commands an operator tries to cancel, some time after submitting. Default 0.05. */
  readonly cancelRate: number;
  /** The cancel comes a delay uniform in `[0, cancelDelayMaxMs]` after the submission. Default 2 h. */
  readonly cancelDelayMaxMs: number;
  /** Commands with a `notBefore` up to `windowMaxMs` after submission. Default 0.1. */
  readonly notBeforeRate: number;
  /** Commands with a `notAfter` up to `windowMaxMs` after their earliest start. Default 0.1. */
  readonly notAfterRate: number;
  /** Default 6 h. */
  readonly windowMaxMs: number;
  /** Priorities are drawn uniformly from `[-priorityRange, priorityRange]`. Default 2. */
  readonly priorityRange: number;
  /**
   * Commands submitted with `approval: true` (SPEC §10's two-person rule): they wait in
   * `pending_approval` until a second simulated operator decides, a delay uniform in
   * `[0, approvalDelayMaxMs]` later. Default 0 (none, and nothing drawn for it).
   */
  readonly approvalRate: number;
  /** Of those, the share the second operator rejects rather than approves. Default 0.2. */
  readonly rejectRate: number;
  /** Default 1 h. */
  readonly approvalDelayMaxMs: number;
  /**
   * Commands an operator holds (SPEC §10) a delay uniform in `[0, holdDelayMaxMs]` after
   * submitting them, and releases up to `holdDurationMaxMs` later. Default 0 (none, and nothing
   * drawn for it).
   */
  readonly holdRate: number;
  /** Default 10 min. */
  readonly holdDelayMaxMs: number;
  /** Default 2 h. */
  readonly holdDurationMaxMs: number;
}

/** A whole simulated run. Only `seed`, `commands` and `days` (or `durationMs`) are needed. */
export interface ScenarioConfig {
  readonly seed: number;
  /** Commands submitted over the run. */
  readonly commands: number;
  /** Length of the submission period in days (or give `durationMs`). */
  readonly days?: number;
  readonly durationMs?: number;
  /** The first instant (default 2030-01-01T00:00:00Z; a `tle:` plan defaults to its epoch's day). */
  readonly start?: Instant;
  /** A contact plan, or its `UPLINK_CONTACTS` text (default `periodic:90m/10m`). */
  readonly contacts?: ContactPlan | string;
  /** Stations and reader for a `tle:` plan given as text. */
  readonly stations?: TleResolverOptions["stations"];
  /** The spacecraft commanded (default `["sc-1"]`). */
  readonly spacecraft?: readonly string[];
  /** Sender options (default transmit delay 30 s, as SPEC §2). */
  readonly sender?: Partial<Omit<CommandSenderOptions, "owner">>;
  /** Senders sharing the repository, each with its own lease owner (default 1). */
  readonly senders?: number;
  /**
   * Times the ground restarts, at seeded instants of the submission period (default 0): its
   * senders, services, timeout watchers and downlink processor lose all memory and are built
   * anew; the repository and the downlink log survive, as a database would, and so do the
   * spacecraft and the link (the world). The new senders take over once the old leases expire.
   */
  readonly crashes?: number;
  /**
   * Changes of the spacecraft's inhibits at virtual instants (SPEC §9), applied through core's
   * InhibitCatalog: the ground then runs core's inhibit decisions (dropped at submission, a
   * queued command fails `inhibited`). Default none: the ground has no inhibit catalog at all.
   */
  readonly inhibits?: readonly InhibitChange[];
  /**
   * A mission dictionary (SPEC §9, the JSON document) that the scenario's spacecraft share: they
   * are registered in its mission, the ground checks every submission against it (refusals are
   * counted in `refusedAtSubmission`), the operators submit its commands with arguments it
   * accepts, the spacecraft know exactly its commands, and category inhibits match. Default
   * none: no checks, the workload's own names.
   */
  readonly dictionary?: unknown;
  /** Seeded inhibit changes over the submission period, besides `inhibits` (default 0). */
  readonly inhibitChanges?: number;
  /**
   * Changes of the spacecraft's queue states at virtual instants (SPEC §10), applied through
   * core's QueueCatalog: the ground then runs core's queue decisions (a closed queue refuses
   * submissions; only an open one sends). Default none: the ground has no queue catalog at all.
   */
  readonly queues?: readonly QueueChange[];
  /** Seeded pauses (a hold or a closure, then open again) over the submission period (default 0). */
  readonly queueChanges?: number;
  readonly timeouts?: Partial<Timeouts>;
  readonly lifecycle?: Lifecycle;
  readonly spacecraftBehaviour?: Partial<SimulatedSpacecraftOptions>;
  readonly downlink?: Partial<UnreliableDownlinkOptions>;
  readonly downlinkProcessor?: Partial<Pick<DownlinkProcessorOptions, "gapTimeoutMs" | "maxBuffered">>;
  readonly workload?: Partial<WorkloadOptions>;
  /** How long to keep running after the last submission so that commands settle (default 2 days). */
  readonly drainMs?: number;
  /** Keep the whole trace in the result (default true; turn off for big runs). */
  readonly keepTrace?: boolean;
  /**
   * Where the trace is hashed and checked: on a worker thread, beside the run (`"worker"`), or on
   * the run's own thread (`"thread"`). Default: the worker for runs of
   * {@link WORKER_CHECK_MIN_COMMANDS} commands or more on a machine with two cores or more (a
   * worker costs more to start than it saves on a smaller run). Both give the same verdict.
   */
  readonly checkOn?: "worker" | "thread";
  /** Also stream every trace record here (a file, a custom checker). */
  readonly traceSink?: TraceSink;
  /** Keep the repository's global event log (default false: the simulator does not read it). */
  readonly keepEventLog?: boolean;
  /**
   * Keep each command's history in the repository (default false: the trace carries every
   * history entry, and a million commands' histories would not fit in memory).
   */
  readonly keepHistory?: boolean;
  /** Called about every `progressEveryMs` of virtual time (default one hour). */
  readonly onProgress?: (progress: ScenarioProgress) => void;
  readonly progressEveryMs?: number;
  /**
   * Changes the container's registrations before anything is resolved: inject a faulty port
   * (a contact plan that lies to the sender, a repository that ignores notBefore) to see
   * {@link checkInvariants} catch it, or another decision through core's API (a repository and
   * senders with another dispatch order, a service with other timeouts) to see the trace change.
   * It runs on the container of every life of the ground (each start and each restart); the
   * parts that outlive a crash (repository, downlink log, uplink, spacecraft, link) are resolved
   * from the first one and kept.
   */
  readonly configure?: (container: DependencyContainer) => void;
}

/** Where a run stands, for progress bars. */
export interface ScenarioProgress {
  readonly now: Instant;
  readonly start: Instant;
  readonly end: Instant;
  readonly submitted: number;
  readonly commands: number;
  readonly events: number;
}

/** The most senders a run may have. */
export const MAX_SENDERS = 64;
/** The most restarts of the ground a run may have. */
export const MAX_CRASHES = 1_000;

/** The first instant of a run unless told otherwise: 2030-01-01T00:00:00Z. */
export const DEFAULT_START = Date.UTC(2030, 0, 1);
/** The contact plan of a run unless told otherwise: 10 minutes every 90. */
export const DEFAULT_CONTACTS = "periodic:90m/10m";
/** How long a run goes on after the last submission so that commands settle. */
export const DEFAULT_DRAIN_MS = 2 * 86_400_000;

/** Every default of the simulated operators, in one place. */
export const DEFAULT_WORKLOAD: WorkloadOptions = Object.freeze({
  unknownRate: 0.02,
  cancelRate: 0.05,
  cancelDelayMaxMs: 2 * 3_600_000,
  notBeforeRate: 0.1,
  notAfterRate: 0.1,
  windowMaxMs: 6 * 3_600_000,
  priorityRange: 2,
  approvalRate: 0,
  rejectRate: 0.2,
  approvalDelayMaxMs: 3_600_000,
  holdRate: 0,
  holdDelayMaxMs: 600_000,
  holdDurationMaxMs: 2 * 3_600_000,
});

/** The most seeded inhibit changes a run may have. */
export const MAX_INHIBIT_CHANGES = 10_000;

/** Whether the ground of a run checks submissions (it has a dictionary, or inhibits). */
export function hasChecks(config: ScenarioConfig): boolean {
  return config.dictionary !== undefined || hasInhibits(config);
}

/** The most seeded queue pauses a run may have. */
export const MAX_QUEUE_CHANGES = 10_000;

/** Whether the ground of a run has queue states (and so a queue catalog). */
export function hasQueues(config: ScenarioConfig): boolean {
  return (config.queues?.length ?? 0) > 0 || (config.queueChanges ?? 0) > 0;
}

/** Whether the ground of a run has inhibits (and so an inhibit catalog and submission checks). */
export function hasInhibits(config: ScenarioConfig): boolean {
  return (config.inhibits?.length ?? 0) > 0 || (config.inhibitChanges ?? 0) > 0;
}

/** The timeouts a scenario runs with. */
export function scenarioTimeouts(config: ScenarioConfig): Timeouts {
  return { ...DEFAULT_TIMEOUTS, ...config.timeouts };
}

/** The scenario's dictionary, parsed; null without one; a bad one throws `ConfigError` naming the place. */
export function scenarioDictionary(config: ScenarioConfig): Dictionary | null {
  if (config.dictionary === undefined) return null;
  try {
    return parseDictionary(config.dictionary, "dictionary");
  } catch (error) {
    if (!(error instanceof DictionaryError)) throw error;
    throw new ConfigError("dictionary", "a dictionary as SPEC §9 describes", error.message);
  }
}

/** Checks the numbers of a scenario; a bad one throws core's `ConfigError` naming it. */
export function validateScenario(config: ScenarioConfig): { durationMs: number; workload: WorkloadOptions } {
  scenarioDictionary(config);
  if (!Number.isSafeInteger(config.seed)) throw new ConfigError("seed", "an integer");
  if (!Number.isSafeInteger(config.commands) || config.commands < 0) {
    throw new ConfigError("commands", "an integer ≥ 0");
  }
  const durationMs = config.durationMs ?? (config.days ?? 1) * 86_400_000;
  if (!Number.isFinite(durationMs) || durationMs <= 0)
    throw new ConfigError("days", "a positive number of days");
  const workload = { ...DEFAULT_WORKLOAD, ...config.workload };
  for (const key of [
    "unknownRate",
    "cancelRate",
    "notBeforeRate",
    "notAfterRate",
    "approvalRate",
    "rejectRate",
    "holdRate",
  ] as const) {
    if (!(workload[key] >= 0 && workload[key] <= 1)) throw new ConfigError(key, "a probability from 0 to 1");
  }
  if ((config.spacecraft ?? ["sc-1"]).length === 0)
    throw new ConfigError("spacecraft", "at least one spacecraft id");
  const senders = config.senders ?? 1;
  if (!Number.isSafeInteger(senders) || senders < 1 || senders > MAX_SENDERS) {
    throw new ConfigError("senders", `an integer from 1 to ${MAX_SENDERS}`);
  }
  const crashes = config.crashes ?? 0;
  if (!Number.isSafeInteger(crashes) || crashes < 0 || crashes > MAX_CRASHES) {
    throw new ConfigError("crashes", `an integer from 0 to ${MAX_CRASHES}`);
  }
  const inhibitChanges = config.inhibitChanges ?? 0;
  if (!Number.isSafeInteger(inhibitChanges) || inhibitChanges < 0 || inhibitChanges > MAX_INHIBIT_CHANGES) {
    throw new ConfigError("inhibitChanges", `an integer from 0 to ${MAX_INHIBIT_CHANGES}`);
  }
  const queueChanges = config.queueChanges ?? 0;
  if (!Number.isSafeInteger(queueChanges) || queueChanges < 0 || queueChanges > MAX_QUEUE_CHANGES) {
    throw new ConfigError("queueChanges", `an integer from 0 to ${MAX_QUEUE_CHANGES}`);
  }
  (config.queues ?? []).forEach((change, i) => {
    if (!Number.isSafeInteger(change.at) || change.at < 0) {
      throw new ConfigError(`queues[${i}].at`, "an integer ≥ 0 (virtual ms after the start)");
    }
    if (!(config.spacecraft ?? ["sc-1"]).includes(change.spacecraftId)) {
      throw new ConfigError(`queues[${i}].spacecraftId`, "one of the scenario's spacecraft");
    }
    if (!QUEUE_STATES.includes(change.state)) {
      throw new ConfigError(`queues[${i}].state`, QUEUE_STATES.join(", "));
    }
  });
  (config.inhibits ?? []).forEach((change, i) => {
    if (!Number.isSafeInteger(change.at) || change.at < 0) {
      throw new ConfigError(`inhibits[${i}].at`, "an integer ≥ 0 (virtual ms after the start)");
    }
    if (!(config.spacecraft ?? ["sc-1"]).includes(change.spacecraftId)) {
      throw new ConfigError(`inhibits[${i}].spacecraftId`, "one of the scenario's spacecraft");
    }
    try {
      parseInhibits({ categories: change.categories ?? [], commands: change.commands ?? [] });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // Refused before the run starts, not half-way through it.
      throw new ConfigError(
        `inhibits[${i}].${error.field}`,
        "inhibits as SPEC §9 describes",
        `inhibits[${i}].${error.message}`,
      );
    }
  });
  return { durationMs, workload };
}

/** From this many commands a run checks its trace on a worker thread by default (`checkOn`). */
export const WORKER_CHECK_MIN_COMMANDS = 50_000;
