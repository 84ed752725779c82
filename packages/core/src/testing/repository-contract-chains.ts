import { describe, expect, it } from "vitest";
import { changedCommand } from "../changed-command.js";
import type { TransitionChange } from "../ports/command-store.js";
import type { TelecommandRepository } from "../ports/telecommand-repository.js";
import type { Telecommand } from "../types.js";
import { FIXTURE_EPOCH, makeTelecommand, makeTransition } from "./telecommand-fixtures.js";

const AT = FIXTURE_EPOCH + 5_000;

/** transmitted → acknowledged → failed from `command` (at `transmitted`), each following the one before. */
function chainFrom(command: Telecommand): TransitionChange[] {
  const acknowledged = makeTransition(command, "acknowledged", {
    stamps: { acknowledgedAt: AT },
    deadline: AT + 300_000,
    at: AT,
    reason: "accepted",
    source: "spacecraft",
  });
  const after = changedCommand(command, acknowledged);
  const failed = makeTransition(after, "failed", {
    failureReason: "completion_failed",
    stamps: { failedAt: AT + 1 },
    at: AT + 1,
    reason: "execution failed on board",
    source: "spacecraft",
  });
  return [acknowledged, failed];
}

async function transmitted(repository: TelecommandRepository, claimFirst: boolean): Promise<Telecommand> {
  const command = makeTelecommand();
  await repository.insert(command);
  const [ready] = claimFirst
    ? await repository.claim({ owner: "o", now: AT, leaseMs: 60_000, limit: 1, statuses: ["ready"] })
    : [command];
  const sent = await repository.transition(
    makeTransition(ready as Telecommand, "transmitted", {
      stamps: { transmittedAt: AT - 1 },
      deadline: AT + 60_000,
    }),
  );
  if (!sent.ok) throw new Error("transmit lost");
  return sent.command;
}

/**
 * The contract of the optional `transitionChain`, for adapters that declare it; one that
 * declares it absent must indeed not have it (services then fall back to `transition`).
 */
export function describeRepositoryChains(repo: () => TelecommandRepository, hasChains: boolean): void {
  if (!hasChains) {
    it("has no transitionChain, as declared (services write its changes one transition at a time)", () => {
      expect(repo().transitionChain).toBeUndefined();
    });
    return;
  }
  describe("transitionChain", () => {
    for (const claimFirst of [false, true]) {
      it(`applies every change, as transitions one after another would${claimFirst ? " (of a claimed command)" : ""}`, async () => {
        const command = await transmitted(repo(), claimFirst);
        const chain = chainFrom(command);
        const outcome = await repo().transitionChain?.(chain);
        if (!outcome?.ok) throw new Error("chain lost");
        const stored = await repo().get(command.id);
        expect(outcome.command).toEqual(stored);
        expect(stored).toEqual(chain.reduce(changedCommand, command));
        expect(stored).toMatchObject({ status: "failed", version: command.version + 2, acknowledgedAt: AT });
        const history = await repo().history(command.id);
        expect(history.slice(-2)).toEqual(outcome.entries);
        expect(
          outcome.entries.map((e) => [e.seq, e.from, e.to, e.at, e.reason, e.source, e.ignored]),
        ).toEqual([
          [3, "transmitted", "acknowledged", AT, "accepted", "spacecraft", false],
          [4, "acknowledged", "failed", AT + 1, "execution failed on board", "spacecraft", false],
        ]);
        const [first, second] = outcome.entries;
        expect(second?.eventId).toBe((first?.eventId as number) + 1);
        const counts = Object.entries(await repo().countByStatus()).filter(([, n]) => n !== 0);
        expect(counts).toEqual([["failed", 1]]);
      });
    }

    it("applies nothing when the first compare-and-set fails, and hands back the current command", async () => {
      const command = await transmitted(repo(), false);
      const [first, second] = chainFrom(command) as [TransitionChange, TransitionChange];
      const stale = [
        { ...first, expectedVersion: 1 },
        { ...second, expectedVersion: 2 },
      ];
      const outcome = await repo().transitionChain?.(stale);
      expect(outcome).toEqual({ ok: false, current: command });
      expect(await repo().get(command.id)).toEqual(command);
      expect(await repo().history(command.id)).toHaveLength(2);
    });

    it("runs beside single transitions and other chains, each applied once", async () => {
      const commands = await Promise.all(Array.from({ length: 6 }, () => transmitted(repo(), false)));
      const outcomes = await Promise.all(
        commands.map((c, i) =>
          i % 2 === 0
            ? repo().transitionChain?.(chainFrom(c))
            : repo().transition(makeTransition(c, "acknowledged", { at: AT })),
        ),
      );
      expect(outcomes.every((o) => o?.ok)).toBe(true);
      const statuses = await Promise.all(commands.map(async (c) => (await repo().get(c.id))?.status));
      expect(statuses).toEqual([
        "failed",
        "acknowledged",
        "failed",
        "acknowledged",
        "failed",
        "acknowledged",
      ]);
      const all = await repo().historyAfter(0, 100);
      expect(all.map((e) => e.eventId)).toEqual([...all.map((e) => e.eventId)].sort((a, b) => a - b));
      expect(all).toHaveLength(6 * 2 + 3 * 2 + 3);
    });
  });
}
