import { describe, expect, it } from "vitest";
import { promiseOf } from "../awaitable.js";
import { IdempotencyConflictError } from "../errors.js";
import type { RepositoryParts } from "./repository-parts.js";
import { FIXTURE_EPOCH, makeTelecommand, makeTransition } from "./telecommand-fixtures.js";

/** The contract of `insert`, `transition` (alone and concurrently) and `recordIgnored`. */
export function describeRepositoryWrites(parts: () => Pick<RepositoryParts, "store" | "history">): void {
  describe("insert", () => {
    it("stores the command at version 1 with its first history row", async () => {
      const command = makeTelecommand({
        name: "SET_MODE",
        args: { mode: "safe", levels: [1, 2] },
        priority: 3,
      });
      const result = await parts().store.insert(command, undefined, "system");
      expect(result.created).toBe(true);
      expect(result.command).toEqual(command);
      expect(result.entry).toMatchObject({
        commandId: command.id,
        seq: 1,
        from: null,
        to: "ready",
        at: command.createdAt,
        reason: null,
        source: "system",
        actor: "anonymous",
        ignored: false,
        kind: "transition",
      });
      expect(await parts().store.get(command.id)).toEqual(command);
      expect(await parts().history.history(command.id)).toEqual([result.entry]);
    });

    it("rejects a second insert of a known id, keeping the first command, its history and the key", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const twin = { ...command, name: "TWIN" };
      await expect(
        promiseOf(() => parts().store.insert(twin, { key: "key-twin", fingerprint: "twin" })),
      ).rejects.toThrow();
      expect(await parts().store.get(command.id)).toEqual(command);
      expect(await parts().history.history(command.id)).toHaveLength(1);
      expect((await parts().store.list({ limit: 10 })).items).toEqual([command]);
      const other = makeTelecommand();
      expect((await parts().store.insert(other, { key: "key-twin", fingerprint: "twin" })).created).toBe(
        true,
      );
    });

    it("keeps a command's profile (dictionary version, category, hazard, timeouts) through its transitions", async () => {
      const profile = {
        dictionaryVersion: "00ff00ff00ff00ff",
        category: "propulsion",
        hazardous: true,
        acceptanceMs: 5_000,
        executionMs: null,
      };
      const command = makeTelecommand({ name: "FIRE", profile });
      const plain = makeTelecommand({ name: "PING" });
      await parts().store.insert(command);
      await parts().store.insert(plain);
      expect(await parts().store.get(command.id)).toEqual(command);
      expect((await parts().store.get(plain.id))?.profile).toBeNull();
      const outcome = await parts().store.transition(makeTransition(command, "transmitted"));
      expect(outcome.ok && outcome.command.profile).toEqual(profile);
      expect((await parts().store.get(command.id))?.profile).toEqual(profile);
      const listed = (await parts().store.list({ limit: 10 })).items.find((c) => c.id === command.id);
      expect(listed?.profile).toEqual(profile);
    });

    it("keeps who submitted a command, as the command's submittedBy and its first entry's actor", async () => {
      const command = makeTelecommand({ submittedBy: "ada" });
      const { entry } = await parts().store.insert(command);
      expect(entry?.actor).toBe("ada");
      expect((await parts().store.get(command.id))?.submittedBy).toBe("ada");
      const moved = await parts().store.transition(
        makeTransition(command, "cancelled", { source: "operator", actor: "grace" }),
      );
      expect(moved.ok && moved.command.submittedBy).toBe("ada");
      expect(moved.ok && moved.entry.actor).toBe("grace");
      expect((await parts().history.history(command.id)).map((e) => e.actor)).toEqual(["ada", "grace"]);
    });

    it("records the operator as the source by default", async () => {
      const { entry } = await parts().store.insert(makeTelecommand());
      expect(entry?.source).toBe("operator");
    });
  });

  describe("insert with an idempotency key", () => {
    it("returns the stored command, not created, for the same key and fingerprint", async () => {
      const first = makeTelecommand();
      const claim = { key: "key-1", fingerprint: "body-a" };
      await parts().store.insert(first, claim);
      const retry = await parts().store.insert(makeTelecommand({ name: "OTHER" }), claim);
      expect(retry).toEqual({ command: first, created: false, entry: null });
      expect(await parts().history.history(first.id)).toHaveLength(1);
      expect((await parts().store.list({ limit: 10 })).items).toEqual([first]);
    });

    it("throws IdempotencyConflictError for the same key with another fingerprint, storing nothing", async () => {
      const first = makeTelecommand();
      await parts().store.insert(first, { key: "key-1", fingerprint: "body-a" });
      const other = makeTelecommand();
      const attempt = promiseOf(() => parts().store.insert(other, { key: "key-1", fingerprint: "body-b" }));
      await expect(attempt).rejects.toBeInstanceOf(IdempotencyConflictError);
      await expect(
        promiseOf(() => parts().store.insert(other, { key: "key-1", fingerprint: "body-b" })),
      ).rejects.toMatchObject({
        details: { key: "key-1", existingId: first.id },
      });
      expect(await parts().store.get(other.id)).toBeNull();
    });

    it("answers a retry of the very same insert as not created", async () => {
      const command = makeTelecommand();
      const claim = { key: "key-1", fingerprint: "body-a" };
      await parts().store.insert(command, claim);
      expect(await parts().store.insert(command, claim)).toEqual({ command, created: false, entry: null });
      expect(await parts().history.history(command.id)).toHaveLength(1);
    });

    it("keeps keys independent", async () => {
      const a = await parts().store.insert(makeTelecommand(), { key: "key-a", fingerprint: "same" });
      const b = await parts().store.insert(makeTelecommand(), { key: "key-b", fingerprint: "same" });
      expect(a.created && b.created).toBe(true);
      expect(a.command.id).not.toBe(b.command.id);
    });

    it("yields one command when concurrent inserts share a key", async () => {
      const claim = { key: "raced", fingerprint: "body" };
      const candidates = Array.from({ length: 8 }, () => makeTelecommand());
      const results = await Promise.all(candidates.map((c) => parts().store.insert(c, claim)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)?.command;
      for (const r of results) expect(r.command).toEqual(winner);
      expect((await parts().store.list({ limit: 20 })).items).toHaveLength(1);
    });
  });

  describe("transition", () => {
    it("applies a compare-and-set: status, version + 1, stamps, deadline, failure reason, history row", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const at = FIXTURE_EPOCH + 5000;
      const change = makeTransition(command, "transmitted", {
        at,
        stamps: { transmittedAt: at },
        deadline: at + 60_000,
        reason: "uplinked",
        source: "sender",
      });
      const outcome = await parts().store.transition(change);
      const expected = {
        ...command,
        status: "transmitted",
        version: 2,
        updatedAt: at,
        transmittedAt: at,
        deadline: at + 60_000,
      };
      expect(outcome).toEqual({
        ok: true,
        command: expected,
        entry: expect.objectContaining({
          commandId: command.id,
          seq: 2,
          from: "ready",
          to: "transmitted",
          at,
          reason: "uplinked",
          source: "sender",
          ignored: false,
        }),
      });
      expect(await parts().store.get(command.id)).toEqual(expected);
      const failed = await parts().store.transition(
        makeTransition(expected, "failed", {
          at: at + 1,
          failureReason: "timed_out",
          stamps: { failedAt: at + 1 },
        }),
      );
      expect(failed.ok && failed.command).toMatchObject({
        failureReason: "timed_out",
        failedAt: at + 1,
        transmittedAt: at,
      });
      expect(failed.ok && failed.command.deadline).toBeNull();
      expect((await parts().history.history(command.id)).map((e) => e.seq)).toEqual([1, 2, 3]);
    });

    it("fails with the current command on a stale version, changing nothing", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const moved = await parts().store.transition(makeTransition(command, "transmitted"));
      const stale = await parts().store.transition(makeTransition(command, "cancelled"));
      expect(stale).toEqual({ ok: false, current: moved.ok ? moved.command : null });
      expect(await parts().history.history(command.id)).toHaveLength(2);
    });

    it("fails when the from-status does not match, even at the right version", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const outcome = await parts().store.transition({
        ...makeTransition(command, "executed"),
        from: "acknowledged",
      });
      expect(outcome).toEqual({ ok: false, current: command });
      expect(await parts().store.get(command.id)).toEqual(command);
      expect(await parts().history.history(command.id)).toHaveLength(1);
    });

    it("fails with a null current for an unknown command", async () => {
      const outcome = await parts().store.transition(makeTransition(makeTelecommand(), "transmitted"));
      expect(outcome).toEqual({ ok: false, current: null });
    });

    it("lets exactly one of many concurrent transitions from the same version win", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const targets = [
        "transmitted",
        "cancelled",
        "failed",
        "transmitted",
        "cancelled",
        "failed",
        "transmitted",
      ];
      const outcomes = await Promise.all(
        targets.map((to, i) =>
          parts().store.transition(
            makeTransition(command, to, {
              reason: `writer ${i}`,
              failureReason: to === "failed" ? "expired" : null,
            }),
          ),
        ),
      );
      const winners = outcomes.filter((o) => o.ok);
      expect(winners).toHaveLength(1);
      const stored = await parts().store.get(command.id);
      expect(stored?.version).toBe(2);
      for (const o of outcomes) if (!o.ok) expect(o.current?.version).toBe(2);
      const history = await parts().history.history(command.id);
      expect(history).toHaveLength(2);
      expect(history[1]?.to).toBe(stored?.status);
    });
  });

  describe("concurrent transitions", () => {
    it("applies each change with its own compare-and-set", async () => {
      const a = makeTelecommand();
      const b = makeTelecommand();
      await parts().store.insert(a);
      await parts().store.insert(b);
      const outcomes = await Promise.all(
        [
          makeTransition(a, "transmitted"),
          { ...makeTransition(b, "transmitted"), expectedVersion: 7 },
          makeTransition(makeTelecommand(), "transmitted"),
        ].map((change) => parts().store.transition(change)),
      );
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
      expect(outcomes[0]?.ok && outcomes[0].command).toMatchObject({
        id: a.id,
        status: "transmitted",
        version: 2,
      });
      expect(outcomes[1]).toEqual({ ok: false, current: b });
      expect(outcomes[2]).toEqual({ ok: false, current: null });
      expect(await parts().store.get(b.id)).toEqual(b);
    });
  });

  describe("recordIgnored", () => {
    it("appends an ignored entry without changing the command", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const at = FIXTURE_EPOCH + 42;
      const entry = await parts().store.recordIgnored({
        id: command.id,
        at,
        reason: "COMPLETED ignored in ready",
        source: "spacecraft",
        actor: "spacecraft",
      });
      expect(entry).toMatchObject({
        commandId: command.id,
        seq: 2,
        from: "ready",
        to: "ready",
        at,
        reason: "COMPLETED ignored in ready",
        source: "spacecraft",
        actor: "spacecraft",
        ignored: true,
      });
      expect(await parts().store.get(command.id)).toEqual(command);
      expect(await parts().history.history(command.id)).toEqual([expect.objectContaining({ seq: 1 }), entry]);
    });

    it("records a comment (kind comment, not ignored) without changing the command", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const entry = await parts().store.recordIgnored({
        id: command.id,
        at: FIXTURE_EPOCH + 7,
        reason: "wait for the next pass",
        source: "operator",
        actor: "grace",
        kind: "comment",
      });
      expect(entry).toMatchObject({
        seq: 2,
        from: "ready",
        to: "ready",
        reason: "wait for the next pass",
        actor: "grace",
        ignored: false,
        kind: "comment",
      });
      expect(await parts().store.get(command.id)).toEqual(command);
      const history = await parts().history.history(command.id);
      expect(history.map((e) => e.kind)).toEqual(["transition", "comment"]);
      expect(history[1]).toEqual(entry);
    });

    it("returns null for an unknown command", async () => {
      const entry = await parts().store.recordIgnored({
        id: makeTelecommand().id,
        at: 0,
        reason: "late",
        source: "spacecraft",
        actor: "spacecraft",
      });
      expect(entry).toBeNull();
    });
  });
}
