import { describe, expect, it } from "vitest";
import type { Telecommand } from "../types.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import type { RepositoryParts } from "./repository-parts.js";
import { FIXTURE_EPOCH, makeTelecommand, makeTransition } from "./telecommand-fixtures.js";

/** One test's history and the store that writes it, empty, and how to dispose of them. */
export interface CommandHistoryUnderTest
  extends ContractSubject,
    Pick<RepositoryParts, "history" | "store"> {}

/** Makes an empty history (and its store) for one test. */
export type CommandHistoryFactory = () => Promise<CommandHistoryUnderTest> | CommandHistoryUnderTest;

/**
 * The contract of a `CommandHistory`: one command's entries oldest first, `seq` from 1,
 * ignored entries included; every command's entries after an event id, in strictly increasing
 * event id order, paged. Commands are written through the subject's store.
 *
 * @example
 * runCommandHistoryContract("InMemoryTelecommandRepository", () => {
 *   const repository = new InMemoryTelecommandRepository();
 *   return { history: repository, store: repository };
 * });
 */
export function runCommandHistoryContract(
  name: string,
  make: CommandHistoryFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (CommandHistory contract)`, () => {
    const parts = useContractSubject(make, hooks);
    const insertAll = async (commands: readonly Telecommand[]): Promise<void> => {
      for (const c of commands) await parts().store.insert(c);
    };
    describe("history", () => {
      it("lists a command's entries oldest first, seq from 1, with the global eventId increasing", async () => {
        const command = makeTelecommand();
        await parts().store.insert(command);
        const t = await parts().store.transition(
          makeTransition(command, "transmitted", { at: FIXTURE_EPOCH + 1 }),
        );
        if (!t.ok) throw new Error("transition failed");
        await parts().store.recordIgnored({
          id: command.id,
          at: FIXTURE_EPOCH + 2,
          reason: "duplicate",
          source: "spacecraft",
          actor: "spacecraft",
        });
        await parts().store.transition(
          makeTransition(t.command, "acknowledged", { at: FIXTURE_EPOCH + 3, source: "spacecraft" }),
        );
        const history = await parts().history.history(command.id);
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
        expect(await parts().history.history(makeTelecommand().id)).toEqual([]);
      });
    });

    describe("histories", () => {
      it("answers each command's history in the order asked, an unknown one empty", async () => {
        const a = makeTelecommand();
        const b = makeTelecommand();
        await insertAll([a, b]);
        await parts().store.transition(makeTransition(b, "transmitted"));
        await parts().store.transition(makeTransition(a, "cancelled"));
        const unknown = makeTelecommand().id;
        const histories = await parts().history.histories([b.id, unknown, a.id]);
        expect(histories).toEqual([
          await parts().history.history(b.id),
          [],
          await parts().history.history(a.id),
        ]);
        expect(histories.map((h) => h.map((e) => e.to))).toEqual([
          ["ready", "transmitted"],
          [],
          ["ready", "cancelled"],
        ]);
      });

      it("answers nothing for no ids, and the same history twice for an id asked twice", async () => {
        const a = makeTelecommand();
        await insertAll([a]);
        expect(await parts().history.histories([])).toEqual([]);
        const [first, second] = await parts().history.histories([a.id, a.id]);
        expect(first).toHaveLength(1);
        expect(second).toEqual(first);
      });
    });

    describe("historyAfter", () => {
      it("returns every command's entries after an eventId, in strictly increasing eventId order", async () => {
        const a = makeTelecommand();
        const b = makeTelecommand();
        await insertAll([a, b]);
        await parts().store.transition(makeTransition(a, "transmitted"));
        await parts().store.recordIgnored({
          id: b.id,
          at: FIXTURE_EPOCH,
          reason: "late",
          source: "spacecraft",
          actor: "spacecraft",
        });
        await parts().store.transition(makeTransition(b, "cancelled"));
        const everything = [
          ...(await parts().history.history(a.id)),
          ...(await parts().history.history(b.id)),
        ].sort((x, y) => x.eventId - y.eventId);
        expect(everything).toHaveLength(5);
        expect(await parts().history.historyAfter(0, 100)).toEqual(everything);
        const pivot = everything[1]?.eventId as number;
        expect(await parts().history.historyAfter(pivot, 100)).toEqual(everything.slice(2));
        expect(await parts().history.historyAfter(pivot, 2)).toEqual(everything.slice(2, 4));
        expect(await parts().history.historyAfter(everything[4]?.eventId as number, 100)).toEqual([]);
        const resumed = [...(await parts().history.historyAfter(0, 2))];
        while (resumed.length < everything.length) {
          const next = await parts().history.historyAfter(resumed[resumed.length - 1]?.eventId as number, 2);
          expect(next.length).toBeGreaterThan(0);
          resumed.push(...next);
        }
        expect(resumed).toEqual(everything);
      });
    });
  });
}
