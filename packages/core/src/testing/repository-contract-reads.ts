import { describe, expect, it } from "vitest";
import { promiseOf } from "../awaitable.js";
import { ValidationError } from "../errors.js";
import type { ListQuery } from "../ports/command-store.js";
import type { Telecommand } from "../types.js";
import type { RepositoryParts } from "./repository-parts.js";
import { FIXTURE_EPOCH, makeTelecommand, makeTransition } from "./telecommand-fixtures.js";

/** The contract of `get` and `list`. */
export function describeRepositoryReads(parts: () => Pick<RepositoryParts, "store">): void {
  const insertAll = async (commands: readonly Telecommand[]): Promise<void> => {
    for (const c of commands) await parts().store.insert(c);
  };
  const readAll = async (
    query: Omit<ListQuery, "cursor">,
    between?: () => Promise<void>,
  ): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await parts().store.list({ ...query, cursor });
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
      expect(await parts().store.get(makeTelecommand().id)).toBeNull();
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
      const page = await parts().store.list({ limit: 10 });
      expect(page.items.map((c) => c.id)).toEqual([newest.id, ...tiedDesc, old.id]);
      expect(page.nextCursor).toBeNull();
    });

    it("returns the current state of each command", async () => {
      const command = makeTelecommand();
      await parts().store.insert(command);
      const moved = await parts().store.transition(makeTransition(command, "transmitted"));
      expect((await parts().store.list({ limit: 1 })).items).toEqual([moved.ok && moved.command]);
    });

    it("filters by status and by spacecraft", async () => {
      const a = makeTelecommand({ spacecraftId: "sc-a", createdAt: FIXTURE_EPOCH + 1 });
      const b = makeTelecommand({ spacecraftId: "sc-b", createdAt: FIXTURE_EPOCH + 2 });
      const c = makeTelecommand({ spacecraftId: "sc-a", createdAt: FIXTURE_EPOCH + 3 });
      await insertAll([a, b, c]);
      await parts().store.transition(makeTransition(c, "cancelled"));
      const ids = async (q: Omit<ListQuery, "limit">) =>
        (await parts().store.list({ limit: 10, ...q })).items.map((x) => x.id);
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
      const all = (await parts().store.list({ limit: 100 })).items.map((c) => c.id);
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
        await parts().store.insert(makeTelecommand({ createdAt: later }));
        later += 10;
      });
      expect(ids).toEqual(commands.map((c) => c.id).reverse());
    });

    it("keeps a filtered page boundary when a listed command leaves the filter", async () => {
      const commands = Array.from({ length: 4 }, (_, i) => makeTelecommand({ createdAt: FIXTURE_EPOCH + i }));
      await insertAll(commands);
      const first = await parts().store.list({ status: "ready", limit: 2 });
      const leaving = first.items[1] as Telecommand;
      await parts().store.transition(makeTransition(leaving, "cancelled"));
      const second = await parts().store.list({ status: "ready", limit: 2, cursor: first.nextCursor });
      expect(second.items.map((c) => c.id)).toEqual([commands[1]?.id, commands[0]?.id]);
    });

    it("rejects a malformed cursor with a ValidationError on cursor", async () => {
      await parts().store.insert(makeTelecommand());
      const attempt = promiseOf(() => parts().store.list({ limit: 10, cursor: "not-a-cursor" }));
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(
        promiseOf(() => parts().store.list({ limit: 10, cursor: "not-a-cursor" })),
      ).rejects.toMatchObject({
        field: "cursor",
      });
    });
  });
}
