import {
  type Clock,
  InhibitedError,
  type Instant,
  InvalidArgumentError,
  QueueClosedError,
  type Random,
  ready,
  StatusConflictError,
  type TelecommandService,
  UnknownCommandError,
} from "@uplink/core";
import type { TraceSink } from "../trace/trace-record.js";
import type { DictionaryCommand } from "./dictionary-workload.js";
import type { WorkloadOptions } from "./scenario-config.js";
import { NO_ARGS, UNKNOWN_NAMES, WORKLOAD_NAMES } from "./workload-names.js";

/** What the workload needs. */
export interface WorkloadDeps {
  readonly clock: Clock;
  readonly random: Random;
  /** The ground's service the operators reach now (a restarted ground has a new one). */
  readonly service: () => TelecommandService;
  readonly trace: TraceSink;
}

/** The simulated operator who submits and cancels (SPEC §10: every history entry names its actor). */
export const SIM_OPERATOR = "operator";
/** The second simulated operator, who approves or rejects what the first one submitted. */
export const SIM_APPROVER = "approver";

/** A running workload: how far it got. */
export interface Workload {
  readonly submitted: () => number;
  /** Submissions or cancels that threw something other than a refused cancel (should stay 0). */
  readonly errors: () => number;
  /** Submissions refused because their name was inhibited on their spacecraft (SPEC §9). */
  readonly inhibited: () => number;
  /** Submissions refused by the dictionary (unknown name, bad argument). */
  readonly refused: () => number;
  /** Submissions refused because their spacecraft's queue was closed (SPEC §10). */
  readonly queueClosed: () => number;
}

/**
 * Simulated operators: submits `count` commands over `[start, start + durationMs)`, one per
 * equal slot at a random instant inside it (so exactly `count`, in order, with one timer
 * pending at a time), to random spacecraft, with random names (some unknown), priorities,
 * `notBefore` and `notAfter`; tries to cancel some of them a random delay later; and submits
 * some for approval, which a second operator approves or rejects a random delay later; each
 * cancel's and decision's answer goes to the trace.
 */
export function startWorkload(
  deps: WorkloadDeps,
  options: WorkloadOptions,
  plan: {
    readonly start: Instant;
    readonly durationMs: number;
    readonly count: number;
    readonly spacecraft: readonly string[];
    /** A dictionary's commands to submit instead of the workload's own names (no args). */
    readonly commands?: readonly DictionaryCommand[];
  },
): Workload {
  const { clock, random, service, trace } = deps;
  const { start, durationMs, count, spacecraft } = plan;
  const slot = durationMs / Math.max(count, 1);
  let next = 0;
  let errors = 0;
  let inhibited = 0;
  let refused = 0;
  let queueClosed = 0;
  const onError = (): void => {
    errors++;
  };

  const cancel = (id: string): void => {
    try {
      const outcome = ready(service().tryCancel(id, SIM_OPERATOR), "the ground's service");
      const status = outcome.ok ? outcome.command.status : outcome.status;
      trace.write({ type: "cancel", at: clock.now(), id, ok: outcome.ok, status });
    } catch {
      onError();
    }
  };

  const decide = (id: string, reject: boolean): void => {
    const decision = reject ? "reject" : "approve";
    try {
      const s = service();
      const command = ready(
        reject ? s.reject(id, "rejected by the second operator", SIM_APPROVER) : s.approve(id, SIM_APPROVER),
        "the ground's service",
      );
      trace.write({ type: "approval", at: clock.now(), id, decision, ok: true, status: command.status });
    } catch (error) {
      // Cancelled or expired first: the decision comes too late, as it may for a person.
      if (error instanceof StatusConflictError) {
        trace.write({ type: "approval", at: clock.now(), id, decision, ok: false, status: error.status });
      } else onError();
    }
  };

  const holdOrRelease = (id: string, action: "hold" | "release"): void => {
    try {
      const s = service();
      const command = ready(
        action === "hold" ? s.hold(id, SIM_OPERATOR) : s.release(id, SIM_OPERATOR),
        "the ground's service",
      );
      trace.write({ type: "hold", at: clock.now(), id, action, ok: true, status: command.status });
    } catch (error) {
      // Sent, cancelled or expired first: the hold comes too late.
      if (error instanceof StatusConflictError) {
        trace.write({ type: "hold", at: clock.now(), id, action, ok: false, status: error.status });
      } else onError();
    }
  };

  const submitOne = (): void => {
    const n = next++;
    const r = random;
    const unknown = r.next() < options.unknownRate;
    const known = plan.commands;
    const pick = unknown ? null : r.next();
    const entry =
      pick === null || known === undefined ? null : (known[Math.floor(pick * known.length)] ?? null);
    const name =
      pick === null
        ? (UNKNOWN_NAMES[n % UNKNOWN_NAMES.length] as string)
        : (entry?.name ?? (WORKLOAD_NAMES[Math.floor(pick * WORKLOAD_NAMES.length)] as string));
    const spacecraftId = spacecraft[Math.floor(r.next() * spacecraft.length)] as string;
    const priority = Math.floor(r.next() * (2 * options.priorityRange + 1)) - options.priorityRange;
    const now = clock.now();
    const notBefore =
      r.next() < options.notBeforeRate ? now + Math.floor(r.next() * options.windowMaxMs) : null;
    const notAfter =
      r.next() < options.notAfterRate
        ? (notBefore ?? now) + Math.floor(r.next() * options.windowMaxMs)
        : null;
    const cancelAfter =
      r.next() < options.cancelRate ? Math.floor(r.next() * (options.cancelDelayMaxMs + 1)) : -1;
    // Drawn only when asked for, so that runs without approvals keep their streams.
    const approval = options.approvalRate > 0 && r.next() < options.approvalRate;
    const holdAfter =
      options.holdRate > 0 && r.next() < options.holdRate
        ? Math.floor(r.next() * (options.holdDelayMaxMs + 1))
        : -1;
    const holdFor = holdAfter >= 0 ? Math.floor(r.next() * (options.holdDurationMaxMs + 1)) : 0;
    try {
      const s = service();
      const result = ready(
        s.submit(
          {
            name,
            spacecraftId,
            args: entry?.args(now) ?? NO_ARGS,
            priority,
            notBefore,
            notAfter,
            ...(approval && { approval }),
          },
          undefined,
          SIM_OPERATOR,
        ),
        "the ground's service",
      );
      const id = result.command.id;
      if (cancelAfter >= 0) clock.schedule(cancelAfter, () => cancel(id));
      if (holdAfter >= 0) {
        clock.schedule(holdAfter, () => holdOrRelease(id, "hold"));
        clock.schedule(holdAfter + holdFor, () => holdOrRelease(id, "release"));
      }
      if (result.command.status === s.lifecycle.approvalStatus) {
        const after = Math.floor(r.next() * (options.approvalDelayMaxMs + 1));
        const reject = r.next() < options.rejectRate;
        clock.schedule(after, () => decide(id, reject));
      }
    } catch (error) {
      if (error instanceof InhibitedError) inhibited++;
      else if (error instanceof UnknownCommandError || error instanceof InvalidArgumentError) refused++;
      else if (error instanceof QueueClosedError) queueClosed++;
      else onError();
    }
    scheduleNext();
  };

  const scheduleNext = (): void => {
    if (next >= count) return;
    const at = start + Math.floor((next + random.next()) * slot);
    clock.schedule(at - clock.now(), submitOne);
  };

  scheduleNext();
  return {
    submitted: () => next,
    errors: () => errors,
    inhibited: () => inhibited,
    refused: () => refused,
    queueClosed: () => queueClosed,
  };
}
