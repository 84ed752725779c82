import { SeededRandom } from "../adapters/seeded-random.js";
import type { TransitionChange } from "../ports/telecommand-repository.js";
import { DEFAULT_SPACECRAFT_ID, type Instant, type Telecommand, type TelecommandStatus } from "../types.js";
import { uuidV7 } from "../uuid-v7.js";

/** 2030-01-01T00:00:00Z: the instant fixtures start from, so that test data reads as dates. */
export const FIXTURE_EPOCH: Instant = 1_893_456_000_000;

// Seeded so that fixture ids repeat from run to run; shared so that ids never collide in a file.
const fixtureRandom = new SeededRandom(0x5eed);

/**
 * A stored-shape telecommand in `ready` at version 1, with a fresh UUIDv7 id; any field can be
 * overridden. Ids sort by `createdAt`, as real ones do.
 *
 * @example
 * const command = makeTelecommand({ priority: 5, createdAt: FIXTURE_EPOCH + 1000 });
 * await repository.insert(command);
 */
export function makeTelecommand(overrides: Partial<Telecommand> = {}): Telecommand {
  const createdAt = overrides.createdAt ?? FIXTURE_EPOCH;
  return {
    id: uuidV7(createdAt, fixtureRandom),
    spacecraftId: DEFAULT_SPACECRAFT_ID,
    name: "PING",
    args: {},
    priority: 0,
    status: "ready",
    failureReason: null,
    createdAt,
    updatedAt: createdAt,
    transmittedAt: null,
    acknowledgedAt: null,
    executedAt: null,
    failedAt: null,
    cancelledAt: null,
    notBefore: null,
    notAfter: null,
    deadline: null,
    version: 1,
    profile: null,
    submittedBy: "anonymous",
    held: false,
    ...overrides,
  };
}

/**
 * The compare-and-set that moves `command` from its current status and version to `to`, with no
 * stamps, no deadline and no failure reason unless overridden.
 *
 * @example
 * const outcome = await repository.transition(makeTransition(command, "transmitted", { deadline: t + 60_000 }));
 */
export function makeTransition(
  command: Telecommand,
  to: TelecommandStatus,
  overrides: Partial<TransitionChange> = {},
): TransitionChange {
  return {
    id: command.id,
    expectedVersion: command.version,
    from: command.status,
    to,
    failureReason: null,
    stamps: {},
    deadline: null,
    at: command.updatedAt + 1000,
    reason: null,
    source: "system",
    actor: "system",
    ...overrides,
  };
}
