import { describe, expect, it } from "vitest";
import { initialRows } from "../../src/adapters/command-columns.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { promiseOf } from "../../src/awaitable.js";
import {
  makeTelecommand,
  makeTransition,
  runTelecommandRepositoryContract,
} from "../../src/testing/index.js";
import type { Telecommand } from "../../src/types.js";
import { ChainingRepository } from "../support/chaining-repository.js";

// Without transitionChain: the simulator's services run on it exactly as they write one change at a time.
runTelecommandRepositoryContract(
  "InMemoryTelecommandRepository",
  () => ({ repository: new InMemoryTelecommandRepository() }),
  {},
  { transitionChain: false },
);

runTelecommandRepositoryContract(
  "InMemoryTelecommandRepository with two queued statuses",
  () => ({ repository: new InMemoryTelecommandRepository({ queuedStatuses: ["ready", "held"] }) }),
  {},
  { transitionChain: false },
);

// Room for one command at first: every column, index and per-row array grows under the suite.
runTelecommandRepositoryContract(
  "InMemoryTelecommandRepository expecting one command",
  () => ({ repository: new InMemoryTelecommandRepository({ expectedCommands: 1 }) }),
  {},
  { transitionChain: false },
);

// Keeping copies of commands in (most) statuses: every read the contract makes after a change may be one.
runTelecommandRepositoryContract(
  "InMemoryTelecommandRepository keeping recent copies",
  () => ({
    repository: new InMemoryTelecommandRepository({
      recentStatuses: ["ready", "transmitted", "acknowledged", "executed", "failed"],
    }),
  }),
  {},
  { transitionChain: false },
);

describe("InMemoryTelecommandRepository keeping recent copies", () => {
  it("answers a read with the copy the last change made while it is current, and builds it otherwise", async () => {
    const repository = new InMemoryTelecommandRepository({ recentStatuses: ["transmitted"] });
    const command = makeTelecommand();
    await repository.insert(command);
    const sent = await repository.transition(makeTransition(command, "transmitted"));
    if (!sent.ok) throw new Error("transition failed");
    expect(await repository.get(command.id)).toBe(sent.command);
    const done = await repository.transition(makeTransition(sent.command, "executed"));
    if (!done.ok) throw new Error("transition failed");
    const read = await repository.get(command.id);
    expect(read).not.toBe(sent.command);
    expect(read).toEqual(done.command);
  });

  it("keeps one copy per slot: rows that share a slot each read as themselves", async () => {
    const repository = new InMemoryTelecommandRepository({ recentStatuses: ["transmitted"] });
    const commands = Array.from({ length: 4097 }, (_, i) => makeTelecommand({ createdAt: 1_000 + i }));
    for (const command of commands) await repository.insert(command);
    const first = commands[0] as Telecommand;
    const last = commands[4096] as Telecommand;
    const a = await repository.transition(makeTransition(first, "transmitted"));
    const b = await repository.transition(makeTransition(last, "transmitted"));
    if (!a.ok || !b.ok) throw new Error("transition failed");
    expect(await repository.get(last.id)).toBe(b.command);
    expect(await repository.get(first.id)).toEqual(a.command);
  });
});

// The test double that adds transitionChain to it, which the services' chain tests use.
runTelecommandRepositoryContract("ChainingRepository (in-memory, with transitionChain)", () => ({
  repository: new ChainingRepository(),
}));

describe("InMemoryTelecommandRepository with a repeated id", () => {
  it("refuses the second insert and keeps the first command, its history and its place", async () => {
    const repository = new InMemoryTelecommandRepository();
    const command = makeTelecommand();
    await repository.insert(command);
    const moved = await repository.transition(makeTransition(command, "transmitted"));
    if (!moved.ok) throw new Error("transition failed");
    await expect(promiseOf(() => repository.insert(command, { key: "k", fingerprint: "f" }))).rejects.toThrow(
      /already exists/,
    );
    expect(await repository.get(command.id)).toEqual(moved.command);
    expect((await repository.history(command.id)).map((e) => e.to)).toEqual(["ready", "transmitted"]);
    expect((await repository.list({ limit: 10 })).items).toEqual([moved.command]);
    expect(await repository.countByStatus()).toEqual({ transmitted: 1 });
    // The key was not taken by the refused insert.
    const other = makeTelecommand();
    expect((await repository.insert(other, { key: "k", fingerprint: "f" })).created).toBe(true);
  });
});

describe("InMemoryTelecommandRepository given the command before a change", () => {
  it("answers the command the change leaves, the same as reading it back", async () => {
    const repository = new InMemoryTelecommandRepository();
    const command = makeTelecommand({ notAfter: makeTelecommand().createdAt + 60_000 });
    await repository.insert(command);
    const sent = await repository.transition(makeTransition(command, "transmitted"), command);
    if (!sent.ok) throw new Error("transition failed");
    expect(sent.command).toEqual(await repository.get(command.id));
    expect(sent.command).toMatchObject({ status: "transmitted", version: 2 });
    const done = await repository.transition(makeTransition(sent.command, "executed"), sent.command);
    if (!done.ok) throw new Error("transition failed");
    expect(done.command).toEqual(await repository.get(command.id));
  });

  it("reads the row back when the copy is not at the version the change expects", async () => {
    const repository = new InMemoryTelecommandRepository();
    const command = makeTelecommand();
    await repository.insert(command);
    const stale = { ...command, name: "NOT_STORED", version: 7 };
    const sent = await repository.transition(makeTransition(command, "transmitted"), stale);
    if (!sent.ok) throw new Error("transition failed");
    expect(sent.command.name).toBe(command.name);
    expect(sent.command).toEqual(await repository.get(command.id));
  });
});

describe("InMemoryTelecommandRepository with expectedCommands", () => {
  it("holds more commands than it expected, each read back and listed in order", async () => {
    const repository = new InMemoryTelecommandRepository({ expectedCommands: 3 });
    const first = makeTelecommand();
    const commands = Array.from({ length: 2_500 }, (_, i) =>
      makeTelecommand({ createdAt: first.createdAt + i, priority: i % 7 }),
    );
    for (const command of commands) await repository.insert(command);
    for (const command of [commands[0], commands[1_234], commands[2_499]])
      expect(await repository.get(command?.id ?? "")).toEqual(command);
    const page = await repository.list({ limit: 3 });
    expect(page.items.map((c) => c.id)).toEqual(
      commands
        .slice(-3)
        .reverse()
        .map((c) => c.id),
    );
    expect(await repository.countByStatus()).toEqual({ ready: 2_500 });
  });

  it("makes room for a whole number of rows, and for the default when the figure is not a count", () => {
    expect(initialRows(2.5)).toBe(3);
    expect(initialRows(1_000_000)).toBe(1_000_000);
    for (const bad of [undefined, 0, -4, 0.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(initialRows(bad)).toBe(1024);
    expect(initialRows(1e12)).toBe(2 ** 28);
  });
});
