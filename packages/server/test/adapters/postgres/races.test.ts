import { randomBytes } from "node:crypto";
import type { Telecommand } from "@uplink/core";
import { FIXTURE_EPOCH, makeFrame, makeTelecommand, makeTransition } from "@uplink/core/testing";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { KnexDownlinkLog } from "../../../src/adapters/postgres/knex-downlink-log.js";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer } from "../../support/database.js";
import { eventually } from "../../support/server.js";

// Two repositories on two connection pools: two processes sharing one PostgreSQL.
describeDatabases(
  "races between processes",
  (ctx) => {
    let peer: Database;
    let a: KnexTelecommandRepository;
    let b: KnexTelecommandRepository;
    const peerName = `uplink-races-${randomBytes(4).toString("hex")}`;

    beforeAll(async () => {
      peer = await openPeer(ctx.db(), { applicationName: peerName });
    });
    afterAll(async () => {
      await peer.close();
    });
    beforeEach(async () => {
      await ctx.empty();
      a = new KnexTelecommandRepository(ctx.db());
      b = new KnexTelecommandRepository(peer);
    });

    const insertMany = async (n: number, spacecraftOf?: (i: number) => string): Promise<Telecommand[]> => {
      const commands = Array.from({ length: n }, (_, i) =>
        makeTelecommand({
          createdAt: FIXTURE_EPOCH + i,
          priority: i % 3,
          ...(spacecraftOf ? { spacecraftId: spacecraftOf(i) } : {}),
        }),
      );
      await Promise.all(commands.map((c) => a.insert(c)));
      return commands;
    };

    it("never hands one command to two concurrent claimers, and each spacecraft's queue to one", async () => {
      // One sender serves a spacecraft's queue at a time (SPEC §2, dispatch order with several
      // senders): four claimers contend for two spacecraft's commands.
      const commands = await insertMany(400, (i) => (i % 2 === 0 ? "sc-a" : "sc-b"));
      const claimedBy = new Map<string, string>();
      const owners = ["a1", "a2", "b1", "b2"];
      // Each sender waits for every first claim before its second, so all four claims are in
      // flight together at least once.
      let firstClaimsLeft = owners.length;
      let releaseSenders = (): void => {};
      const allFirstClaims = new Promise<void>((resolve) => {
        releaseSenders = resolve;
      });
      const firstClaims: number[] = [];
      const sender = async (owner: string, repo: KnexTelecommandRepository) => {
        for (let round = 0; ; round++) {
          const claimed = await repo.claim({
            owner,
            now: FIXTURE_EPOCH + 1000,
            leaseMs: 60_000,
            limit: 7,
            statuses: ["ready"],
          });
          for (const c of claimed) {
            expect(claimedBy.get(c.id), `${c.id} claimed twice`).toBeUndefined();
            claimedBy.set(c.id, owner);
          }
          if (round === 0) {
            firstClaims.push(claimed.length);
            if (--firstClaimsLeft === 0) releaseSenders();
            await allFirstClaims;
          }
          if (claimed.length === 0) return;
          const outcomes = await Promise.all(
            claimed.map((c) => repo.transition(makeTransition(c, "transmitted"))),
          );
          expect(outcomes.every((o) => o.ok)).toBe(true);
        }
      };
      await Promise.all(owners.map((owner) => sender(owner, owner.startsWith("a") ? a : b)));
      expect(claimedBy.size).toBe(commands.length);
      for (const spacecraftId of ["sc-a", "sc-b"]) {
        const servedBy = commands
          .filter((c) => c.spacecraftId === spacecraftId)
          .map((c) => claimedBy.get(c.id));
        expect(new Set(servedBy).size, spacecraftId).toBe(1);
      }
      // The claims really contended: some claimer found both queues held.
      expect(firstClaims).toContain(0);
      expect(await a.countByStatus()).toEqual({ transmitted: commands.length });
    });

    it("claims other commands when the ones it picked were leased after its snapshot", async () => {
      const first = makeTelecommand({ createdAt: FIXTURE_EPOCH, priority: 0 });
      const second = makeTelecommand({ createdAt: FIXTURE_EPOCH + 1, priority: 0 });
      await Promise.all([a.insert(first), a.insert(second)]);
      // An open transaction holding a new lease on the oldest command: the claim below does not
      // see it in its snapshot, picks that command and waits on the lease until it commits.
      const holder = await ctx.db().knex.transaction();
      try {
        await holder.raw("INSERT INTO telecommand_leases (command_id, owner, until) VALUES (?, 'x', ?)", [
          first.id,
          FIXTURE_EPOCH + 3_600_000,
        ]);
        const claim = b.claim({
          owner: "b",
          now: FIXTURE_EPOCH + 1000,
          leaseMs: 60_000,
          limit: 1,
          statuses: ["ready"],
        });
        await eventually(
          async () => {
            const waiting = await ctx
              .db()
              .knex.raw(
                "SELECT 1 FROM pg_stat_activity WHERE application_name = ? AND wait_event_type = 'Lock'",
                [peerName],
              );
            return waiting.rows.length > 0 ? true : undefined;
          },
          5_000,
          10,
        );
        await holder.commit();
        expect((await claim).map((c) => c.id)).toEqual([second.id]);
      } finally {
        if (!holder.isCompleted()) await holder.rollback();
      }
    });

    it("lets exactly one of a cancel and a transmission win, every time", async () => {
      for (let round = 0; round < 10; round++) {
        const commands = await insertMany(30);
        const outcomes = await Promise.all(
          commands.flatMap((c) => [
            a.transition(
              makeTransition(c, "cancelled", {
                source: "operator",
                stamps: { cancelledAt: c.createdAt + 1 },
              }),
            ),
            b.transition(
              makeTransition(c, "transmitted", {
                source: "sender",
                stamps: { transmittedAt: c.createdAt + 1 },
              }),
            ),
          ]),
        );
        for (const [i, command] of commands.entries()) {
          const [cancel, transmit] = [outcomes[2 * i], outcomes[2 * i + 1]];
          expect([cancel?.ok, transmit?.ok].filter(Boolean)).toHaveLength(1);
          const stored = await a.get(command.id);
          const winner = cancel?.ok ? "cancelled" : "transmitted";
          expect(stored).toMatchObject({ status: winner, version: 2 });
          const loser = cancel?.ok ? transmit : cancel;
          expect(loser).toEqual({ ok: false, current: stored });
          const history = await b.history(command.id);
          expect(history.map((e) => e.to)).toEqual(["ready", winner]);
        }
        await ctx.empty();
      }
    });

    it("lets the first of two processes appending the same frames win each one", async () => {
      const logs = [new KnexDownlinkLog(ctx.db()), new KnexDownlinkLog(peer)];
      const seqs = Array.from({ length: 60 }, (_, i) => i + 1);
      const answers = await Promise.all(
        logs.map((log, writer) =>
          Promise.all(seqs.map((seq) => log.append(makeFrame({ seq, parameters: { writer } }), 1))),
        ),
      );
      for (const [i, seq] of seqs.entries()) {
        const pair = [answers[0]?.[i], answers[1]?.[i]].sort();
        expect(pair, `seq ${seq}`).toEqual(["conflict", "new"]);
        const winner = answers[0]?.[i] === "new" ? 0 : 1;
        expect(await logs[1 - winner]?.append(makeFrame({ seq, parameters: { writer: winner } }), 1)).toBe(
          "duplicate",
        );
      }
    });

    it("keeps event ids gap-free and in commit order under concurrent writers", async () => {
      const commands = await insertMany(200);
      await Promise.all(
        commands.map((c, i) =>
          (i % 2 === 0 ? a : b).transition(makeTransition(c, i % 3 === 0 ? "cancelled" : "transmitted")),
        ),
      );
      const all = await a.historyAfter(0, 1000);
      expect(all).toHaveLength(400);
      const first = all[0]?.eventId as number;
      expect(all.map((e) => e.eventId)).toEqual(all.map((_, i) => first + i));
      const counted = await ctx
        .db()
        .knex.raw("SELECT status, count(*) AS n FROM telecommands GROUP BY status");
      const actual = Object.fromEntries(
        (counted.rows as { status: string; n: number }[]).map((r) => [r.status, r.n]),
      );
      expect(await b.countByStatus()).toEqual(actual);
    });
  },
  { kinds: ["postgres"] },
);
