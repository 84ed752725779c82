import {
  createTimeoutWatcher,
  InProcessEventPublisher,
  ManualClock,
  SeededRandom,
  TelecommandService,
} from "@uplink/core";
import { makeTelecommand } from "@uplink/core/testing";
import { beforeEach, expect, it } from "vitest";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import { describeDatabases } from "../../support/database.js";
import { eventually } from "../../support/server.js";

/** The command once the watcher's work (reads and writes to the database) has reached it. */
const settled = (read: () => Promise<{ status: string }>, status: string) =>
  eventually(
    async () => {
      const command = await read();
      return command.status === status ? command : undefined;
    },
    10_000,
    20,
  );

const T0 = Date.UTC(2030, 0, 1);

// SPEC §1: a ready command fails `expired` when its notAfter passes, whether or not a contact
// is open. On storage shared by processes the stored deadline carries it: the watcher of the
// process that submitted it fires at that instant, and any watcher's overdue sweep finds one
// submitted elsewhere.
describeDatabases("expiry of queued commands at notAfter", (ctx) => {
  let repository: KnexTelecommandRepository;
  let clock: ManualClock;
  let service: TelecommandService;
  let publisher: InProcessEventPublisher;

  beforeEach(async () => {
    await ctx.empty();
    repository = new KnexTelecommandRepository(ctx.db());
    clock = new ManualClock(T0);
    publisher = new InProcessEventPublisher();
    service = new TelecommandService(repository, clock, new SeededRandom(4), publisher);
  });

  it("stores the deadline and expires the command the instant notAfter passes, out of contact", async () => {
    const watcher = createTimeoutWatcher({ service, repository, clock });
    publisher.subscribe(watcher.observe);
    watcher.start();
    const { command } = await service.submit({ name: "PING", notAfter: T0 + 5_000 });
    expect((await repository.get(command.id))?.deadline).toBe(T0 + 5_001);
    await clock.advanceToAsync(T0 + 5_000);
    expect((await service.get(command.id)).status).toBe("ready");
    await clock.advanceToAsync(T0 + 5_001);
    expect(await settled(async () => service.get(command.id), "failed")).toMatchObject({
      status: "failed",
      failureReason: "expired",
      failedAt: T0 + 5_001,
      deadline: null,
    });
    expect((await service.history(command.id)).at(-1)).toMatchObject({
      from: "ready",
      to: "failed",
      source: "timeout",
    });
    await watcher.stop();
  });

  it("expires, on its overdue sweep, a command another process stored", async () => {
    const watcher = createTimeoutWatcher({ service, repository, clock }, { sweepIntervalMs: 1_000 });
    watcher.start();
    // Stored by another process: this watcher never heard of it.
    const elsewhere = makeTelecommand({
      createdAt: T0,
      updatedAt: T0,
      notAfter: T0 + 2_000,
      deadline: T0 + 2_001,
    });
    await repository.insert(elsewhere);
    await clock.advanceToAsync(T0 + 2_000);
    expect((await service.get(elsewhere.id)).status).toBe("ready");
    await clock.advanceToAsync(T0 + 3_000);
    expect(await settled(async () => service.get(elsewhere.id), "failed")).toMatchObject({
      status: "failed",
      failureReason: "expired",
    });
    expect(watcher.stats().expired).toBe(1);
    await watcher.stop();
  });
});
