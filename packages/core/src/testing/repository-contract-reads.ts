import { describe, expect, it } from "vitest";
import { promiseOf } from "../awaitable.js";
import { ValidationError } from "../errors.js";
import type { ListQuery, TelecommandRepository } from "../ports/telecommand-repository.js";
import type { Telecommand } from "../types.js";
import { FIXTURE_EPOCH, makeTelecommand, makeTransition } from "./telecommand-fixtures.js";

/** The contract of `get`, `list`, `history`, `historyAfter` and `countByStatus`. */
export function describeRepositoryReads(repo: () => TelecommandRepository): void {
  const insertAll = async (commands: readonly Telecommand[]): Promise<void> => {
    for (const c of commands) await repo().insert(c);
  };
  const readAll = async (
    query: Omit<ListQuery, "cursor">,
    between?: () => Promise<void>,
  ): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await repo().list({ ...query, cursor });
      expect(page.items.length).toBeLessThanOrEqual(query.limit);
      ids.push(...page.items.map((c) => c.id));
      if (page.nextCursor === null) return ids;
      cursor = page.nextCursor;
      await between?.();
    }
    throw new Error("list did not end after 50 pages");
  };

  describe("get", () => {
    it("returns null for an unknown id", async () => {
      expect(await repo().get(makeTelecommand().id)).toBeNull();
    });
  });

  describe("list", () => {
    it("lists newest first by createdAt, then by id, with no cursor after the last page", async () => {
      const old = makeTelecommand({ createdAt: FIXTURE_EPOCH });
      const tied = [
        makeTelecommand({ createdAt: FIXTURE_EPOCH + 10 }),
        makeTelecommand({ createdAt: FIXTURE_EPOCH + 10 }),
      ];
      const newest = makeTelecommand({ createdAt: FIXTURE_EPOCH + 20 });
      await insertAll([tied[0] as Telecommand, newest, old, tied[1] as Telecommand]);
      const tiedDesc = tied
        .map((c) => c.id)
        .sort()
        .reverse();
      const page = await repo().list({ limit: 10 });
      expect(page.items.map((c) => c.id)).toEqual([newest.id, ...tiedDesc, old.id]);
      expect(page.nextCursor).toBeNull();
    });

    it("returns the current state of each command", async () => {
      const command = makeTelecommand();
      await repo().insert(command);
      const moved = await repo().transition(makeTransition(command, "transmitted"));
      expect((await repo().list({ limit: 1 })).items).toEqual([moved.ok && moved.command]);
    });

    it("filters by status and by spacecraft", async () => {
      const a = makeTelecommand({ spacecraftId: "sc-a", createdAt: FIXTURE_EPOCH + 1 });
      const b = makeTelecommand({ spacecraftId: "sc-b", createdAt: FIXTURE_EPOCH + 2 });
      const c = makeTelecommand({ spacecraftId: "sc-a", createdAt: FIXTURE_EPOCH + 3 });
      await insertAll([a, b, c]);
      await repo().transition(makeTransition(c, "cancelled"));
      const ids = async (q: Omit<ListQuery, "limit">) =>
        (await repo().list({ limit: 10, ...q })).items.map((x) => x.id);
      expect(await ids({ status: "ready" })).toEqual([b.id, a.id]);
      expect(await ids({ spacecraftId: "sc-a" })).toEqual([c.id, a.id]);
      expect(await ids({ status: "ready", spacecraftId: "sc-a" })).toEqual([a.id]);
      expect(await ids({ status: "executed" })).toEqual([]);
      expect(await ids({ spacecraftId: "sc-z" })).toEqual([]);
    });

    it("pages with a cursor, each page at most limit items, covering everything once", async () => {
      const commands = Array.from({ length: 7 }, (_, i) =>
        makeTelecommand({ createdAt: FIXTURE_EPOCH + (i % 3) * 100 }),
      );
      await insertAll(commands);
      const all = (await repo().list({ limit: 100 })).items.map((c) => c.id);
      expect(all).toHaveLength(7);
      expect(await readAll({ limit: 2 })).toEqual(all);
      expect(await readAll({ limit: 1 })).toEqual(all);
      expect(await readAll({ limit: 7 })).toEqual(all);
    });

    it("keeps paging stable when newer commands are inserted between page reads", async () => {
      const commands = Array.from({ length: 5 }, (_, i) =>
        makeTelecommand({ createdAt: FIXTURE_EPOCH + i * 10 }),
      );
      await insertAll(commands);
      let later = FIXTURE_EPOCH + 1000;
      const ids = await readAll({ limit: 2 }, async () => {
        await repo().insert(makeTelecommand({ createdAt: later }));
        later += 10;
      });
      expect(ids).toEqual(commands.map((c) => c.id).reverse());
    });

    it("keeps a filtered page boundary when a listed command leaves the filter", async () => {
      const commands = Array.from({ length: 4 }, (_, i) => makeTelecommand({ createdAt: FIXTURE_EPOCH + i }));
      await insertAll(commands);
      const first = await repo().list({ status: "ready", limit: 2 });
      const leaving = first.items[1] as Telecommand;
      await repo().transition(makeTransition(leaving, "cancelled"));
      const second = await repo().list({ status: "ready", limit: 2, cursor: first.nextCursor });
      expect(second.items.map((c) => c.id)).toEqual([commands[1]?.id, commands[0]?.id]);
    });

    it("rejects a malformed cursor with a ValidationError on cursor", async () => {
      await repo().insert(makeTelecommand());
      const attempt = promiseOf(() => repo().list({ limit: 10, cursor: "not-a-cursor" }));
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(promiseOf(() => repo().list({ limit: 10, cursor: "not-a-cursor" }))).rejects.toMatchObject(
        {
          field: "cursor",
        },
      );
    });
  });

  describe("history", () => {
    it("lists a command's entries oldest first, seq from 1, with the global eventId increasing", async () => {
      const command = makeTelecommand();
      await repo().insert(command);
      const t = await repo().transition(makeTransition(command, "transmitted", { at: FIXTURE_EPOCH + 1 }));
      if (!t.ok) throw new Error("transition failed");
      await repo().recordIgnored({
        id: command.id,
        at: FIXTURE_EPOCH + 2,
        reason: "duplicate",
        source: "spacecraft",
      });
      await repo().transition(
        makeTransition(t.command, "acknowledged", { at: FIXTURE_EPOCH + 3, source: "spacecraft" }),
      );
      const history = await repo().history(command.id);
      expect(history.map((e) => [e.seq, e.from, e.to, e.ignored])).toEqual([
        [1, null, "ready", false],
        [2, "ready", "transmitted", false],
        [3, "transmitted", "transmitted", true],
        [4, "transmitted", "acknowledged", false],
      ]);
      for (let i = 1; i < history.length; i++) {
        expect(history[i]?.eventId).toBeGreaterThan(history[i - 1]?.eventId as number);
      }
    });

    it("is empty for an unknown command", async () => {
      expect(await repo().history(makeTelecommand().id)).toEqual([]);
    });
  });

  describe("historyAfter", () => {
    it("returns every command's entries after an eventId, in strictly increasing eventId order", async () => {
      const a = makeTelecommand();
      const b = makeTelecommand();
      await insertAll([a, b]);
      await repo().transition(makeTransition(a, "transmitted"));
      await repo().recordIgnored({ id: b.id, at: FIXTURE_EPOCH, reason: "late", source: "spacecraft" });
      await repo().transition(makeTransition(b, "cancelled"));
      const everything = [...(await repo().history(a.id)), ...(await repo().history(b.id))].sort(
        (x, y) => x.eventId - y.eventId,
      );
      expect(everything).toHaveLength(5);
      expect(await repo().historyAfter(0, 100)).toEqual(everything);
      const pivot = everything[1]?.eventId as number;
      expect(await repo().historyAfter(pivot, 100)).toEqual(everything.slice(2));
      expect(await repo().historyAfter(pivot, 2)).toEqual(everything.slice(2, 4));
      expect(await repo().historyAfter(everything[4]?.eventId as number, 100)).toEqual([]);
      const resumed = [...(await repo().historyAfter(0, 2))];
      while (resumed.length < everything.length) {
        const next = await repo().historyAfter(resumed[resumed.length - 1]?.eventId as number, 2);
        expect(next.length).toBeGreaterThan(0);
        resumed.push(...next);
      }
      expect(resumed).toEqual(everything);
    });
  });

  describe("countByStatus", () => {
    it("counts the commands in each status", async () => {
      const commands = Array.from({ length: 4 }, () => makeTelecommand());
      await insertAll(commands);
      await repo().transition(makeTransition(commands[0] as Telecommand, "transmitted"));
      await repo().transition(makeTransition(commands[1] as Telecommand, "cancelled"));
      const counts = Object.entries(await repo().countByStatus()).filter(([, n]) => n !== 0);
      expect(Object.fromEntries(counts)).toEqual({ ready: 2, transmitted: 1, cancelled: 1 });
    });

    it("is empty (or all zero) when nothing is stored", async () => {
      expect(Object.values(await repo().countByStatus()).every((n) => n === 0)).toBe(true);
    });
  });
}
