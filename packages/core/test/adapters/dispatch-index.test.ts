import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CommandColumns } from "../../src/adapters/command-columns.js";
import { DispatchIndex } from "../../src/adapters/dispatch-index.js";
import { byDispatchOrder } from "../../src/decisions/dispatch-order.js";
import { makeTelecommand } from "../../src/testing/index.js";
import type { Telecommand } from "../../src/types.js";

type Op =
  | { kind: "put"; spacecraft: number; priority: number; notBefore: number | null }
  | { kind: "remove"; pick: number }
  | { kind: "requeue"; pick: number }
  | { kind: "claim"; owner: number; spacecraft: number[] | null; limit: number; leaseMs: number }
  | { kind: "release"; owner: number; pick: number | null }
  | { kind: "tick"; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("put" as const),
    spacecraft: fc.integer({ min: 0, max: 2 }),
    priority: fc.integer({ min: -2, max: 2 }),
    notBefore: fc.option(fc.integer({ min: 0, max: 60 })),
  }),
  fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("requeue" as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant("claim" as const),
    owner: fc.integer({ min: 0, max: 1 }),
    spacecraft: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 })),
    limit: fc.integer({ min: 1, max: 4 }),
    leaseMs: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({
    kind: fc.constant("release" as const),
    owner: fc.integer({ min: 0, max: 1 }),
    pick: fc.option(fc.nat()),
  }),
  fc.record({ kind: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 10 }) }),
);

function makeIndex(): { index: DispatchIndex; columns: CommandColumns } {
  const columns = new CommandColumns();
  return { index: new DispatchIndex(["ready"], columns), columns };
}

/** Stores a command in the columns and answers its row. */
const rowFor = (columns: CommandColumns, command: Telecommand): number => columns.add(command);

/** The plain model: scan every queued command, filter, sort; one owner holds a spacecraft at a time. */
class NaiveIndex {
  readonly queued = new Map<string, Telecommand>();
  readonly leases = new Map<string, { owner: string; until: number }>();
  readonly holds = new Map<string, { owner: string; until: number }>();
  claim(
    now: number,
    owner: string,
    spacecraftIds: string[] | null,
    limit: number,
    leaseMs: number,
  ): Telecommand[] {
    const free = [...this.queued.values()].filter((c) => {
      const lease = this.leases.get(c.id);
      const hold = this.holds.get(c.spacecraftId);
      return (
        (!spacecraftIds || spacecraftIds.includes(c.spacecraftId)) &&
        (c.notBefore === null || c.notBefore <= now) &&
        (!lease || lease.until <= now) &&
        (!hold || hold.owner === owner || hold.until <= now)
      );
    });
    const taken = free.sort(byDispatchOrder).slice(0, limit);
    for (const c of taken) {
      this.leases.set(c.id, { owner, until: now + leaseMs });
      this.holds.set(c.spacecraftId, { owner, until: now + leaseMs });
    }
    return taken;
  }
}

/** Many puts and removes on few spacecraft, so that stale heap entries pile up and are dropped. */
const churn: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: op, weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("put" as const),
      spacecraft: fc.integer({ min: 0, max: 1 }),
      priority: fc.integer({ min: -1, max: 1 }),
      notBefore: fc.constant(null),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }), weight: 3 },
);

describe("DispatchIndex", () => {
  it("claims, and finds the next notBefore, exactly as a scan of the queued commands would", () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), checkAgainstScan), { numRuns: 300 });
  });

  it("stays equal to the scan while removed commands pile up in the heaps and are dropped", () => {
    fc.assert(fc.property(fc.array(churn, { minLength: 100, maxLength: 400 }), checkAgainstScan), {
      numRuns: 60,
    });
  });

  it("frees a lease exactly at its expiry and keeps it until then", () => {
    const { index, columns } = makeIndex();
    const c = makeTelecommand();
    index.put(rowFor(columns, c));
    const claim = (owner: string, now: number) =>
      index.claim({ owner, now, leaseMs: 5, limit: 1, statuses: ["ready"] }).map((x) => x.id);
    expect(claim("a", 0)).toEqual([c.id]);
    expect(claim("b", 4)).toEqual([]);
    expect(claim("b", 5)).toEqual([c.id]);
  });
});

function checkAgainstScan(ops: readonly Op[]): void {
  const { index, columns } = makeIndex();
  const naive = new NaiveIndex();
  const removed: Telecommand[] = [];
  let now = 0;
  let created = 0;
  for (const o of ops) {
    const ids = [...naive.queued.keys()];
    switch (o.kind) {
      case "put": {
        const c = makeTelecommand({
          spacecraftId: `sc-${o.spacecraft}`,
          priority: o.priority,
          notBefore: o.notBefore,
          createdAt: 1000 + created++,
        });
        index.put(rowFor(columns, c));
        naive.queued.set(c.id, c);
        break;
      }
      case "remove": {
        const id = ids[o.pick % Math.max(1, ids.length)];
        if (id === undefined) break;
        index.remove(columns.rowOf(id));
        removed.push(naive.queued.get(id) as Telecommand);
        naive.queued.delete(id);
        naive.leases.delete(id);
        break;
      }
      case "requeue": {
        const [c] = removed.splice(o.pick % Math.max(1, removed.length), 1);
        if (c === undefined) break;
        index.put(columns.rowOf(c.id));
        naive.queued.set(c.id, c);
        break;
      }
      case "claim": {
        const spacecraftIds = o.spacecraft?.map((n) => `sc-${n}`) ?? null;
        const request = {
          owner: `o${o.owner}`,
          now,
          leaseMs: o.leaseMs,
          limit: o.limit,
          statuses: ["ready"],
          ...(spacecraftIds ? { spacecraftIds } : {}),
        };
        const got = index.claim(request).map((c) => c.id);
        const want = naive.claim(now, `o${o.owner}`, spacecraftIds, o.limit, o.leaseMs).map((c) => c.id);
        expect(got).toEqual(want);
        break;
      }
      case "release": {
        const id = o.pick === null ? undefined : ids[o.pick % Math.max(1, ids.length)];
        const targets = id === undefined ? undefined : [id];
        index.release(`o${o.owner}`, targets);
        for (const t of targets ?? [...naive.leases.keys()]) {
          if (naive.leases.get(t)?.owner === `o${o.owner}`) naive.leases.delete(t);
        }
        if (targets === undefined) {
          for (const [sc, hold] of naive.holds) if (hold.owner === `o${o.owner}`) naive.holds.delete(sc);
        }
        break;
      }
      case "tick":
        now += o.ms;
        break;
    }
    const spacecraft = [...new Set([...naive.queued.values()].map((c) => c.spacecraftId))].sort();
    expect(index.spacecraftWithQueued(["ready"])).toEqual(spacecraft);
    for (const at of [now, Math.max(0, now - 7)]) {
      const upcoming = [...naive.queued.values()]
        .map((c) => c.notBefore)
        .filter((t): t is number => t !== null && t > at);
      expect(index.nextNotBefore(["ready"], at)).toEqual(upcoming.length ? Math.min(...upcoming) : null);
    }
  }
}
