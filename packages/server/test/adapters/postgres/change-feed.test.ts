import { randomBytes } from "node:crypto";
import { makeTelecommand, makeTransition } from "@uplink/core/testing";
import { afterAll, afterEach, beforeEach, expect, it, vi } from "vitest";
import {
  type ChangeFeed,
  createChangeFeed,
  parseNotices,
} from "../../../src/adapters/postgres/change-feed.js";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import type { ChangeNotice } from "../../../src/database/change-bus.js";
import { createDatabase } from "../../../src/database/create-database.js";
import type { Database } from "../../../src/database/database.js";
import { describeDatabases, openPeer, openTestDatabase, type TestDatabase } from "../../support/database.js";

describeDatabases("the change feed", (ctx) => {
  let feed: ChangeFeed;
  let repo: KnexTelecommandRepository;
  let notices: ChangeNotice[];
  let submitted: string[];

  beforeEach(async () => {
    await ctx.empty();
    repo = new KnexTelecommandRepository(ctx.db());
    feed = createChangeFeed(ctx.db());
    notices = [];
    submitted = [];
    feed.onTransition((n) => notices.push(n));
    feed.onSubmitted((spacecraftId) => submitted.push(spacecraftId));
    await feed.ready();
  });
  afterEach(() => feed.close());

  const heard = (count: number) =>
    vi.waitFor(() => expect(notices.length).toBeGreaterThanOrEqual(count), 5_000);

  it("announces every committed entry, in event id order: submissions, transitions, ignored events", async () => {
    const a = makeTelecommand({ spacecraftId: "sc-a" });
    const b = makeTelecommand({ spacecraftId: "sc-b" });
    await Promise.all([repo.insert(a), repo.insert(b)]);
    const moved = await repo.transition(makeTransition(a, "transmitted"));
    await repo.recordIgnored({
      id: b.id,
      at: b.createdAt,
      reason: "late",
      source: "spacecraft",
      actor: "spacecraft",
    });
    await repo.transition(makeTransition(a, "cancelled"));
    await heard(4);
    const history = await repo.historyAfter(0, 10);
    expect(notices).toEqual([
      {
        eventId: history[0]?.eventId,
        commandId: a.id,
        status: "ready",
        spacecraftId: "sc-a",
        submitted: true,
      },
      {
        eventId: history[1]?.eventId,
        commandId: b.id,
        status: "ready",
        spacecraftId: "sc-b",
        submitted: true,
      },
      {
        eventId: history[2]?.eventId,
        commandId: a.id,
        status: "transmitted",
        spacecraftId: "sc-a",
        submitted: false,
      },
      {
        eventId: history[3]?.eventId,
        commandId: b.id,
        status: "ready",
        spacecraftId: "sc-b",
        submitted: false,
      },
    ]);
    expect(moved.ok).toBe(true);
    expect(submitted).toEqual(["sc-a", "sc-b"]);
  });

  it("announces nothing for a failed compare-and-set or a duplicate submission", async () => {
    const a = makeTelecommand();
    await repo.insert(a, { key: "once", fingerprint: "f" });
    await repo.insert(makeTelecommand(), { key: "once", fingerprint: "f" });
    await repo.transition({ ...makeTransition(a, "transmitted"), expectedVersion: 5 });
    await repo.transition(makeTransition(a, "cancelled"));
    // Notices arrive in commit order: once a later submission's has come, any notice of the
    // refused writes before it would have come first.
    const later = makeTelecommand();
    await repo.insert(later);
    await heard(3);
    expect(notices.map((n) => [n.commandId, n.status])).toEqual([
      [a.id, "ready"],
      [a.id, "cancelled"],
      [later.id, "ready"],
    ]);
  });

  it("announces a large batch in chunks, every entry once and in event id order", async () => {
    // Long spacecraft ids make each notice ~130 bytes: 300 of them need several NOTIFYs.
    const commands = Array.from({ length: 300 }, (_, i) =>
      makeTelecommand({ spacecraftId: `sc-${String(i).padStart(60, "0")}` }),
    );
    await Promise.all(commands.map((c) => repo.insert(c)));
    const moved = await Promise.all(commands.map((c) => repo.transition(makeTransition(c, "transmitted"))));
    await heard(600);
    const history = await repo.historyAfter(0, 1_000);
    expect(notices.map((n) => n.eventId)).toEqual(history.map((e) => e.eventId));
    expect(notices.slice(300).map((n) => n.commandId)).toEqual(
      moved.map((o) => (o.ok ? o.command.id : null)),
    );
    expect(submitted).toHaveLength(300);
  });

  it("stops calling a listener once it is removed", async () => {
    const extra: ChangeNotice[] = [];
    const off = feed.onTransition((n) => extra.push(n));
    await repo.insert(makeTelecommand());
    await heard(1);
    off();
    await repo.insert(makeTelecommand());
    await heard(2);
    expect(extra).toHaveLength(1);
  });
});

describeDatabases(
  "the change feed across processes",
  (ctx) => {
    const applicationName = `uplink-feed-${randomBytes(4).toString("hex")}`;
    let opened: TestDatabase;
    let peer: Database;
    afterAll(async () => {
      await peer?.close();
      await opened?.dispose();
    });

    it("hears another process's writes, and comes back after its connection is cut", async () => {
      opened = await openTestDatabase(ctx.kind, { applicationName });
      peer = await openPeer(opened.db);
      const feed = createChangeFeed(opened.db, { healthCheckMs: 100 });
      const notices: ChangeNotice[] = [];
      let reconnections = 0;
      feed.onTransition((n) => notices.push(n));
      feed.onReconnected(() => reconnections++);
      await feed.ready();
      try {
        const other = new KnexTelecommandRepository(peer);
        const first = makeTelecommand();
        await other.insert(first);
        await vi.waitFor(() => expect(notices.map((n) => n.commandId)).toEqual([first.id]), 5_000);

        const killer = await createDatabase({
          databaseUrl: opened.db.connectionConfig?.connectionString as string,
        });
        try {
          const cut = await killer.knex.raw(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?",
            [`${applicationName}:listen`],
          );
          expect(cut.rows).toHaveLength(1);
        } finally {
          await killer.close();
        }
        await vi.waitFor(() => expect(reconnections).toBe(1), 10_000);
        const second = makeTelecommand();
        await other.insert(second);
        await vi.waitFor(() => expect(notices.map((n) => n.commandId)).toEqual([first.id, second.id]), 5_000);
      } finally {
        await feed.close();
      }
    });
  },
  { kinds: ["postgres"], shared: false },
);

it("parses only well-formed notification payloads: a list of notices, or one alone", () => {
  const seven = { eventId: 7, commandId: "id", status: "ready", spacecraftId: "sc-1", submitted: true };
  const eight = {
    eventId: 8,
    commandId: "id",
    status: "transmitted",
    spacecraftId: "sc-1",
    submitted: false,
  };
  expect(parseNotices('[7,"id","ready","sc-1",true]')).toEqual([seven]);
  expect(parseNotices('[[7,"id","ready","sc-1",true],[8,"id","transmitted","sc-1",false]]')).toEqual([
    seven,
    eight,
  ]);
  expect(parseNotices('[[7,"id","ready","sc-1",true],[1,2,3,4,5],"x"]')).toEqual([seven]);
  for (const bad of ["", "{}", "[]", "[1,2,3,4,5]", '[7,"id","ready","sc-1"]', "not json", "[[]]"]) {
    expect(parseNotices(bad)).toEqual([]);
  }
});
