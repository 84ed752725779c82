import { describe, expect, it } from "vitest";
import type { Lifecycle } from "../lifecycle/lifecycle.js";
import type { ClaimRequest } from "../ports/dispatch-queue.js";
import type { Telecommand } from "../types.js";
import type { RepositoryParts } from "./repository-parts.js";
import { FIXTURE_EPOCH, makeTelecommand as makeQueued, makeTransition } from "./telecommand-fixtures.js";

const NOW = FIXTURE_EPOCH + 60_000;

/**
 * The contract of `claim`, `release`, `spacecraftWithQueued`, `nextNotBefore` and `overdue`,
 * with commands in `lifecycle`'s initial (queued) state.
 */
export function describeRepositoryQueue(
  parts: () => Pick<RepositoryParts, "queue" | "store">,
  lifecycle: Lifecycle,
): void {
  const QUEUED = lifecycle.initial;
  // A status that holds none of the commands.
  const ELSEWHERE = `not-${QUEUED}`;
  const makeTelecommand = (overrides: Partial<Telecommand> = {}): Telecommand =>
    makeQueued({ status: QUEUED, ...overrides });
  const insertAll = async (commands: readonly Telecommand[]): Promise<void> => {
    for (const c of commands) await parts().store.insert(c);
  };
  const claimIds = async (request: Partial<ClaimRequest> = {}): Promise<string[]> => {
    const claimed = await parts().queue.claim({
      owner: "sender-a",
      now: NOW,
      leaseMs: 10_000,
      limit: 100,
      statuses: [QUEUED],
      ...request,
    });
    return claimed.map((c) => c.id);
  };

  describe("claim", () => {
    it("leases queued commands, highest priority first, then oldest first, up to limit", async () => {
      const low = makeTelecommand({ priority: 0, createdAt: FIXTURE_EPOCH });
      const highNew = makeTelecommand({ priority: 5, createdAt: FIXTURE_EPOCH + 20 });
      const highOld = makeTelecommand({ priority: 5, createdAt: FIXTURE_EPOCH + 10 });
      const negative = makeTelecommand({ priority: -3, createdAt: FIXTURE_EPOCH - 10 });
      await insertAll([low, highNew, highOld, negative]);
      expect(await claimIds({ limit: 3 })).toEqual([highOld.id, highNew.id, low.id]);
      expect(await claimIds()).toEqual([negative.id]);
    });

    it("returns the commands as stored", async () => {
      const command = makeTelecommand({ args: { a: 1 } });
      await parts().store.insert(command);
      expect(
        await parts().queue.claim({ owner: "s", now: NOW, leaseMs: 1000, limit: 1, statuses: [QUEUED] }),
      ).toEqual([command]);
    });

    it("skips commands whose notBefore has not come", async () => {
      const due = makeTelecommand({ notBefore: NOW });
      const early = makeTelecommand({ notBefore: NOW + 1 });
      const free = makeTelecommand();
      await insertAll([due, early, free]);
      expect((await claimIds()).sort()).toEqual([due.id, free.id].sort());
      expect(await claimIds({ now: NOW + 1 })).toEqual([early.id]);
    });

    it("skips commands under a live lease and takes over expired ones (a lease lives while now < until)", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      expect(await claimIds({ leaseMs: 1000 })).toEqual([command.id]);
      expect(await claimIds({ owner: "sender-b", now: NOW + 999 })).toEqual([]);
      expect(await claimIds({ owner: "sender-a", now: NOW + 999 })).toEqual([]);
      expect(await claimIds({ owner: "sender-b", now: NOW + 1000, leaseMs: 1000 })).toEqual([command.id]);
      expect(await claimIds({ owner: "sender-a", now: NOW + 1500 })).toEqual([]);
    });

    it("claims only the given spacecraft", async () => {
      const a = makeTelecommand({ spacecraftId: "sc-a" });
      const b = makeTelecommand({ spacecraftId: "sc-b" });
      const c = makeTelecommand({ spacecraftId: "sc-c" });
      await insertAll([a, b, c]);
      expect((await claimIds({ spacecraftIds: ["sc-a", "sc-c"] })).sort()).toEqual([a.id, c.id].sort());
      expect(await claimIds({ spacecraftIds: [] })).toEqual([]);
      expect(await claimIds()).toEqual([b.id]);
    });

    it("claims only the given statuses", async () => {
      const queued = makeTelecommand();
      const moved = makeTelecommand();
      await insertAll([queued, moved]);
      await parts().store.transition(makeTransition(moved, "transmitted"));
      expect(await claimIds({ statuses: [ELSEWHERE] })).toEqual([]);
      expect(await claimIds({ statuses: [QUEUED] })).toEqual([queued.id]);
    });

    it("hands each command, and each spacecraft's queue, to one of two concurrent claimers", async () => {
      const commands = Array.from({ length: 6 }, (_, i) =>
        makeTelecommand({ createdAt: FIXTURE_EPOCH + i, spacecraftId: `sc-${i % 3}` }),
      );
      await insertAll(commands);
      const [a, b] = await Promise.all([
        claimIds({ owner: "sender-a", limit: 6 }),
        claimIds({ owner: "sender-b", limit: 6 }),
      ]);
      const all = [...(a ?? []), ...(b ?? [])];
      expect(new Set(all).size).toBe(all.length);
      expect(all.sort()).toEqual(commands.map((c) => c.id).sort());
      const servedBy = (id: string) => (a?.includes(id) ? "a" : "b");
      for (const spacecraftId of ["sc-0", "sc-1", "sc-2"]) {
        const owners = commands.filter((c) => c.spacecraftId === spacecraftId).map((c) => servedBy(c.id));
        expect(new Set(owners).size, spacecraftId).toBe(1);
      }
    });

    it("serves a spacecraft's queue to one owner at a time, until its hold lapses or is given back", async () => {
      const first = makeTelecommand({ spacecraftId: "sc-a", createdAt: FIXTURE_EPOCH });
      const second = makeTelecommand({ spacecraftId: "sc-a", createdAt: FIXTURE_EPOCH + 1 });
      const third = makeTelecommand({ spacecraftId: "sc-a", createdAt: FIXTURE_EPOCH + 2 });
      const other = makeTelecommand({ spacecraftId: "sc-b", createdAt: FIXTURE_EPOCH + 3 });
      await insertAll([first, second, third, other]);
      expect(await claimIds({ owner: "sender-a", limit: 1, leaseMs: 1_000 })).toEqual([first.id]);
      // sc-a is sender-a's until NOW + 1 000: sender-b gets only sc-b's command.
      expect(await claimIds({ owner: "sender-b", now: NOW + 999 })).toEqual([other.id]);
      // The holder claims more of it, which holds sc-a until NOW + 500 + 1 000.
      expect(await claimIds({ owner: "sender-a", now: NOW + 500, limit: 1, leaseMs: 1_000 })).toEqual([
        second.id,
      ]);
      expect(await claimIds({ owner: "sender-c", now: NOW + 1_499 })).toEqual([]);
      // Lapsed: another owner takes over, from the first command no live lease holds.
      expect(await claimIds({ owner: "sender-c", now: NOW + 1_500 })).toEqual([
        first.id,
        second.id,
        third.id,
      ]);
      await parts().queue.release("sender-c");
      expect(await claimIds({ owner: "sender-d", now: NOW + 1_501 })).toEqual([
        first.id,
        second.id,
        third.id,
      ]);
    });

    it("skips a held command (SPEC §10) until a release, keeping it queued, and keeps the hold in the history", async () => {
      const held = makeTelecommand({ createdAt: FIXTURE_EPOCH });
      const free = makeTelecommand({ createdAt: FIXTURE_EPOCH + 1 });
      await insertAll([held, free]);
      const hold = await parts().store.transition(
        makeTransition(held, QUEUED, { held: true, kind: "hold", source: "operator", actor: "grace" }),
      );
      if (!hold.ok) throw new Error("hold refused");
      expect(hold.command).toMatchObject({ status: QUEUED, held: true, version: 2 });
      expect(hold.entry).toMatchObject({
        from: QUEUED,
        to: QUEUED,
        kind: "hold",
        actor: "grace",
        ignored: false,
      });
      expect((await parts().store.get(held.id))?.held).toBe(true);
      expect(await claimIds()).toEqual([free.id]);
      const release = await parts().store.transition(
        makeTransition(hold.command, QUEUED, {
          held: false,
          kind: "release",
          at: hold.command.updatedAt + 1,
        }),
      );
      expect(release.ok && release.command.held).toBe(false);
      expect(release.ok && release.entry.kind).toBe("release");
      expect(await claimIds({ now: NOW + 1 })).toEqual([held.id]);
    });

    it("lets a transition clear the lease", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      await claimIds({ leaseMs: 10_000 });
      const requeued = await parts().store.transition(
        makeTransition(command, QUEUED, { reason: "requeued" }),
      );
      expect(requeued.ok).toBe(true);
      expect(await claimIds({ now: NOW + 1 })).toEqual([command.id]);
    });
  });

  describe("release", () => {
    it("gives back only the owner's leases, the listed ones or all of them", async () => {
      const commands = Array.from({ length: 3 }, (_, i) =>
        makeTelecommand({ createdAt: FIXTURE_EPOCH + i, spacecraftId: i < 2 ? "sc-1" : "sc-2" }),
      );
      const [x, y, z] = commands as [Telecommand, Telecommand, Telecommand];
      await insertAll(commands);
      expect(await claimIds({ owner: "sender-a", limit: 2 })).toEqual([x.id, y.id]);
      expect(await claimIds({ owner: "sender-b" })).toEqual([z.id]);
      await parts().queue.release("sender-b", [x.id, y.id]);
      expect(await claimIds({ owner: "sender-a" })).toEqual([]);
      await parts().queue.release("sender-a", [y.id]);
      expect(await claimIds({ owner: "sender-a" })).toEqual([y.id]);
      // Leases of listed commands only: sc-1 stays sender-a's.
      expect(await claimIds({ owner: "sender-c" })).toEqual([]);
      // All of them: every lease and every spacecraft it held.
      await parts().queue.release("sender-a");
      expect(await claimIds({ owner: "sender-d" })).toEqual([x.id, y.id]);
      await parts().queue.release("nobody");
      expect(await claimIds({ owner: "sender-e" })).toEqual([]);
    });
  });

  describe("spacecraftWithQueued", () => {
    it("lists each spacecraft with a command in the statuses once", async () => {
      const a1 = makeTelecommand({ spacecraftId: "sc-a" });
      const a2 = makeTelecommand({ spacecraftId: "sc-a" });
      const b = makeTelecommand({ spacecraftId: "sc-b" });
      const c = makeTelecommand({ spacecraftId: "sc-c" });
      await insertAll([a1, a2, b, c]);
      await parts().store.transition(makeTransition(c, "cancelled"));
      expect((await parts().queue.spacecraftWithQueued([QUEUED])).sort()).toEqual(["sc-a", "sc-b"]);
      expect(await parts().queue.spacecraftWithQueued([ELSEWHERE])).toEqual([]);
    });
  });

  describe("nextNotBefore", () => {
    it("is the earliest notBefore after now among commands in the statuses", async () => {
      const past = makeTelecommand({ notBefore: NOW - 1 });
      const soon = makeTelecommand({ notBefore: NOW + 500 });
      const later = makeTelecommand({ notBefore: NOW + 900 });
      const gone = makeTelecommand({ notBefore: NOW + 100 });
      await insertAll([past, soon, later, gone, makeTelecommand()]);
      await parts().store.transition(makeTransition(gone, "cancelled"));
      expect(await parts().queue.nextNotBefore([QUEUED], NOW)).toBe(NOW + 500);
      expect(await parts().queue.nextNotBefore([QUEUED], NOW + 500)).toBe(NOW + 900);
      expect(await parts().queue.nextNotBefore([QUEUED], NOW + 900)).toBeNull();
      expect(await parts().queue.nextNotBefore([ELSEWHERE], NOW)).toBeNull();
    });
  });

  describe("overdue", () => {
    it("lists commands whose deadline is at or before now, oldest deadline first, up to limit", async () => {
      const commands = Array.from({ length: 4 }, () => makeTelecommand());
      await insertAll(commands);
      const deadlines = [NOW + 30, NOW + 10, NOW + 20, NOW + 99];
      for (const [i, c] of commands.entries()) {
        await parts().store.transition(
          makeTransition(c, "transmitted", { deadline: deadlines[i] as number }),
        );
      }
      const ids = async (now: number, limit = 10) =>
        (await parts().queue.overdue(now, limit)).map((c) => c.id);
      const [c0, c1, c2] = commands as [Telecommand, Telecommand, Telecommand];
      expect(await ids(NOW + 9)).toEqual([]);
      expect(await ids(NOW + 20)).toEqual([c1.id, c2.id]);
      expect(await ids(NOW + 30, 2)).toEqual([c1.id, c2.id]);
      const due = await parts().queue.overdue(NOW + 30, 10);
      expect(due.map((c) => [c.id, c.deadline, c.version])).toEqual([
        [c1.id, NOW + 10, 2],
        [c2.id, NOW + 20, 2],
        [c0.id, NOW + 30, 2],
      ]);
    });

    it("forgets a command once a transition clears its deadline", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const sent = await parts().store.transition(makeTransition(command, "transmitted", { deadline: NOW }));
      if (!sent.ok) throw new Error("transition failed");
      expect((await parts().queue.overdue(NOW, 10)).map((c) => c.id)).toEqual([command.id]);
      await parts().store.transition(makeTransition(sent.command, "executed", { deadline: null }));
      expect(await parts().queue.overdue(NOW + 1_000_000, 10)).toEqual([]);
    });
  });
}
