import { describe, expect, it } from "vitest";
import type { Telecommand } from "../types.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import type { RepositoryParts } from "./repository-parts.js";
import { makeTelecommand, makeTransition } from "./telecommand-fixtures.js";

/** One test's stats and the store whose commands they count, empty, and how to dispose of them. */
export interface CommandStatsUnderTest extends ContractSubject, Pick<RepositoryParts, "stats" | "store"> {}

/** Makes empty stats (and their store) for one test. */
export type CommandStatsFactory = () => Promise<CommandStatsUnderTest> | CommandStatsUnderTest;

/**
 * The contract of `CommandStats`: the number of commands in each status, kept as the
 * subject's store inserts and moves them.
 *
 * @example
 * runCommandStatsContract("InMemoryTelecommandRepository", () => {
 *   const repository = new InMemoryTelecommandRepository();
 *   return { stats: repository, store: repository };
 * });
 */
export function runCommandStatsContract(
  name: string,
  make: CommandStatsFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (CommandStats contract)`, () => {
    const parts = useContractSubject(make, hooks);
    const insertAll = async (commands: readonly Telecommand[]): Promise<void> => {
      for (const c of commands) await parts().store.insert(c);
    };
    describe("countByStatus", () => {
      it("counts the commands in each status", async () => {
        const commands = Array.from({ length: 4 }, () => makeTelecommand());
        await insertAll(commands);
        await parts().store.transition(makeTransition(commands[0] as Telecommand, "transmitted"));
        await parts().store.transition(makeTransition(commands[1] as Telecommand, "cancelled"));
        const counts = Object.entries(await parts().stats.countByStatus()).filter(([, n]) => n !== 0);
        expect(Object.fromEntries(counts)).toEqual({ ready: 2, transmitted: 1, cancelled: 1 });
      });

      it("is empty (or all zero) when nothing is stored", async () => {
        expect(Object.values(await parts().stats.countByStatus()).every((n) => n === 0)).toBe(true);
      });
    });
  });
}
