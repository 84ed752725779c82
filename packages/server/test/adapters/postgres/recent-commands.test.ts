import type { Telecommand } from "@uplink/core";
import { FIXTURE_EPOCH, makeTelecommand, makeTransition } from "@uplink/core/testing";
import { describe, expect, it } from "vitest";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import { RecentCommands } from "../../../src/adapters/postgres/recent-commands.js";
import { describeDatabases } from "../../support/database.js";

describe("RecentCommands", () => {
  it("keeps the latest version of each command, and the most recently kept ones", () => {
    const recent = new RecentCommands(2);
    const a = makeTelecommand();
    const b = makeTelecommand();
    const c = makeTelecommand();
    recent.keep(a);
    recent.keep({ ...a, version: 3 });
    recent.keep({ ...a, version: 2 });
    expect(recent.latest(a.id)?.version).toBe(3);
    expect(recent.at(a.id, 3)?.version).toBe(3);
    expect(recent.at(a.id, 2)).toBeUndefined();
    recent.keep(b);
    recent.keep({ ...a, version: 4 });
    recent.keep(c);
    // b was kept less recently than a's last version, so it went first.
    expect(recent.latest(b.id)).toBeUndefined();
    expect(recent.latest(a.id)?.version).toBe(4);
    expect(recent.latest(c.id)).toBe(c);
  });
});

describeDatabases("KnexTelecommandRepository's recent commands", (ctx) => {
  const at = FIXTURE_EPOCH + 10_000;
  const steps = [
    { to: "transmitted", stamps: { transmittedAt: at }, deadline: at + 60_000, failureReason: null },
    { to: "acknowledged", stamps: { acknowledgedAt: at + 1 }, deadline: at + 300_000, failureReason: null },
    { to: "failed", stamps: { failedAt: at + 2 }, deadline: null, failureReason: "completion_failed" },
  ] as const;

  /** Claims the oldest ready command, which each test needs claimed to be known. */
  async function claimOldest(repo: KnexTelecommandRepository): Promise<Telecommand> {
    const [claimed] = await repo.claim({
      owner: "o",
      now: at,
      leaseMs: 60_000,
      limit: 1,
      statuses: ["ready"],
    });
    if (!claimed) throw new Error("nothing ready to claim");
    return claimed;
  }

  it("gives back after each transition of a claimed command what a fresh read gives", async () => {
    await ctx.empty();
    const repo = new KnexTelecommandRepository(ctx.db());
    const fresh = new KnexTelecommandRepository(ctx.db());
    const stored = makeTelecommand({ args: { b: [1, { c: "x" }], a: 2 }, notAfter: at + 5, priority: 3 });
    await repo.insert(stored);
    let command = await claimOldest(repo);
    expect(repo.known(command.id)).toEqual(command);
    for (const [i, step] of steps.entries()) {
      const outcome = await repo.transition(
        makeTransition(command, step.to, { ...step, at: at + i, reason: `step ${i}`, source: "spacecraft" }),
      );
      if (!outcome.ok) throw new Error(`step ${i} lost`);
      expect(outcome.command).toEqual(await fresh.get(command.id));
      expect(outcome.entry).toEqual((await fresh.history(command.id)).at(-1));
      command = outcome.command;
    }
  });

  it("answers a batch of known and unknown commands alike", async () => {
    await ctx.empty();
    const repo = new KnexTelecommandRepository(ctx.db());
    const fresh = new KnexTelecommandRepository(ctx.db());
    const [a, b] = [makeTelecommand({ args: { n: 1 } }), makeTelecommand({ args: { n: 2 } })];
    await repo.insert(a);
    await repo.insert(b);
    const claimed = await claimOldest(repo);
    expect(claimed.id).toBe(a.id);
    expect(repo.known(b.id)).toBeUndefined();
    const outcomes = await Promise.all(
      [
        makeTransition(claimed, "transmitted", { stamps: { transmittedAt: at }, at }),
        makeTransition(b, "cancelled", { stamps: { cancelledAt: at }, at }),
      ].map((change) => repo.transition(change)),
    );
    expect(outcomes.map((o) => (o.ok ? o.command : null))).toEqual([
      await fresh.get(a.id),
      await fresh.get(b.id),
    ]);
  });

  it("loses the compare-and-set on a copy another writer made old, and hands back the current command", async () => {
    await ctx.empty();
    const repo = new KnexTelecommandRepository(ctx.db());
    const other = new KnexTelecommandRepository(ctx.db());
    await repo.insert(makeTelecommand());
    const command = await claimOldest(repo);
    const moved = await other.transition(makeTransition(command, "cancelled", { at }));
    if (!moved.ok) throw new Error("cancel lost");
    expect(repo.known(command.id)).toEqual(command);
    const lost = await repo.transition(makeTransition(command, "transmitted", { at }));
    expect(lost).toEqual({ ok: false, current: moved.command });
    expect(repo.known(command.id)).toEqual(moved.command);
  });
});
