import { expect } from "vitest";
import type { InMemoryTelecommandRepository } from "../../../src/adapters/in-memory-telecommand-repository.js";
import type { ManualClock } from "../../../src/adapters/manual-clock.js";
import type { TelecommandService } from "../../../src/services/telecommand-service.js";
import type { FailureReason } from "../../../src/types.js";

/** What the model knows of one command: far less than the real thing. */
export interface ModelEntry {
  status: string;
  failureReason: FailureReason | null;
  deadline: number | null;
}

/** The plain model: ids in submission order, a Map of id → status, and the time. */
export interface TelecommandModel {
  now: number;
  readonly ids: string[];
  readonly commands: Map<string, ModelEntry>;
}

/** The system under test. */
export interface RealSystem {
  readonly service: TelecommandService;
  readonly repository: InMemoryTelecommandRepository;
  readonly clock: ManualClock;
}

/** Short timeouts, so that a few generated clock advances reach them. */
export const TIMEOUTS = { acceptanceMs: 1_000, executionMs: 5_000 };

type Outcome = { readonly status: string; readonly failureReason?: FailureReason };

/** The default lifecycle as the model sees it, written out by hand rather than taken from core. */
const TABLE: Record<string, Record<string, Outcome>> = {
  ready: { TRANSMIT: { status: "transmitted" }, CANCEL: { status: "cancelled" } },
  transmitted: {
    ACCEPTED: { status: "acknowledged" },
    REJECTED: { status: "failed", failureReason: "rejected" },
    COMPLETED: { status: "executed" },
    COMPLETION_FAILED: { status: "failed", failureReason: "completion_failed" },
    TIMEOUT: { status: "failed", failureReason: "timed_out" },
  },
  acknowledged: {
    COMPLETED: { status: "executed" },
    COMPLETION_FAILED: { status: "failed", failureReason: "completion_failed" },
    TIMEOUT: { status: "failed", failureReason: "timed_out" },
  },
};

/** Applies an event to the model; false when the real system must ignore it. */
export function modelApply(model: TelecommandModel, id: string, event: string): boolean {
  const entry = model.commands.get(id);
  const outcome = entry && TABLE[entry.status]?.[event];
  if (!entry || !outcome) return false;
  entry.status = outcome.status;
  entry.failureReason = outcome.failureReason ?? null;
  entry.deadline =
    outcome.status === "transmitted"
      ? model.now + TIMEOUTS.acceptanceMs
      : outcome.status === "acknowledged"
        ? model.now + TIMEOUTS.executionMs
        : null;
  return true;
}

/** The command a generated index points at (indexes wrap around the submitted ones). */
export function pick(model: TelecommandModel, index: number): string {
  return model.ids[index % model.ids.length] as string;
}

/** Every command in the real repository agrees with the model, and so do the counts. */
export async function expectAgreement(model: TelecommandModel, real: RealSystem): Promise<void> {
  expect(real.clock.now()).toBe(model.now);
  const counts: Record<string, number> = {};
  for (const id of model.ids) {
    const expected = model.commands.get(id) as ModelEntry;
    const actual = await real.repository.get(id);
    expect({
      id,
      status: actual?.status,
      failureReason: actual?.failureReason,
      deadline: actual?.deadline,
    }).toEqual({
      id,
      ...expected,
    });
    counts[expected.status] = (counts[expected.status] ?? 0) + 1;
  }
  expect(await real.repository.countByStatus()).toEqual(counts);
}
