import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { IdempotencyConflictError, ValidationError } from "../../src/errors.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import type { SubmitRequest, TransitionEvent } from "../../src/types.js";
import { isUuid } from "../../src/uuid-v7.js";

const T0 = 1_893_456_000_000;

function setup() {
  const repository = new InMemoryTelecommandRepository();
  const clock = new ManualClock(T0);
  const publisher = new InProcessEventPublisher();
  const published: TransitionEvent[] = [];
  publisher.subscribe((e) => published.push(e));
  const service = new TelecommandService(repository, clock, new SeededRandom(11), publisher);
  return { repository, clock, published, service };
}

/** A request that breaks one rule, and the field the error must name. */
const invalid: ReadonlyArray<readonly [string, unknown, string]> = [
  ["name missing", {}, "name"],
  ["name not a string", { name: 42 }, "name"],
  ["name starting with a digit", { name: "1PING" }, "name"],
  ["name with a space", { name: "PING NOW" }, "name"],
  ["name of 65 characters", { name: `P${"x".repeat(64)}` }, "name"],
  ["name empty", { name: "" }, "name"],
  ["spacecraftId with a slash", { name: "PING", spacecraftId: "sc/1" }, "spacecraftId"],
  ["args an array", { name: "PING", args: [1, 2] }, "args"],
  ["args null", { name: "PING", args: null }, "args"],
  ["args a string", { name: "PING", args: "mode=safe" }, "args"],
  ["args of 4097 bytes", { name: "PING", args: { a: "x".repeat(4089) } }, "args"],
  ["args over 4 KiB in multi-byte characters", { name: "PING", args: { a: "é".repeat(2045) } }, "args"],
  ["priority not an integer", { name: "PING", priority: 1.5 }, "priority"],
  ["priority a string", { name: "PING", priority: "high" }, "priority"],
  ["priority above 1000", { name: "PING", priority: 1001 }, "priority"],
  ["priority below -1000", { name: "PING", priority: -1001 }, "priority"],
  ["notBefore not a number", { name: "PING", notBefore: "tomorrow" }, "notBefore"],
  ["notAfter not finite", { name: "PING", notAfter: Number.POSITIVE_INFINITY }, "notAfter"],
  ["notAfter before notBefore", { name: "PING", notBefore: T0 + 10, notAfter: T0 + 9 }, "notAfter"],
  ["an unknown field", { name: "PING", colour: "red" }, "colour"],
  ["a body that is not an object", [{ name: "PING" }], "body"],
];

describe("TelecommandService.submit validation", () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });

  it.each(invalid)(
    "rejects %s with a ValidationError naming the field, storing nothing",
    async (_, body, field) => {
      const attempt = env.service.submit(body as SubmitRequest, "key-1");
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(env.service.submit(body as SubmitRequest)).rejects.toMatchObject({
        field,
        details: { field },
      });
      expect((await env.repository.list({ limit: 10 })).items).toEqual([]);
      expect(await env.repository.historyAfter(0, 10)).toEqual([]);
      expect(env.published).toEqual([]);
      expect(env.service.stats()).toEqual({ rejectedSubmissions: 2, duplicateSubmissions: 0 });
      // The key was not consumed by the rejected body.
      expect((await env.service.submit({ name: "PING" }, "key-1")).created).toBe(true);
    },
  );

  it("accepts the limits themselves", async () => {
    const edge: SubmitRequest[] = [
      { name: `P${"x".repeat(63)}` },
      { name: "a.b-c_9" },
      { name: "PING", args: { a: "x".repeat(4088) } },
      { name: "PING", priority: 1000 },
      { name: "PING", priority: -1000 },
      { name: "PING", notBefore: T0, notAfter: T0 },
      { name: "PING", notBefore: null, notAfter: null },
    ];
    for (const body of edge) expect((await env.service.submit(body)).created).toBe(true);
    expect((await env.service.stats()).rejectedSubmissions).toBe(0);
  });

  it("stores a valid submission in ready, with defaults and the clock's time", async () => {
    const { command, created } = await env.service.submit({
      name: "SET_MODE",
      args: { mode: "safe" },
      priority: 2,
    });
    expect(created).toBe(true);
    expect(isUuid(command.id)).toBe(true);
    expect(command).toMatchObject({
      name: "SET_MODE",
      spacecraftId: "sc-1",
      args: { mode: "safe" },
      priority: 2,
      status: "ready",
      failureReason: null,
      createdAt: T0,
      updatedAt: T0,
      notBefore: null,
      notAfter: null,
      deadline: null,
      version: 1,
    });
    expect(await env.repository.get(command.id)).toEqual(command);
    expect(env.published.map((e) => [e.command.id, e.entry.from, e.entry.to, e.entry.source])).toEqual([
      [command.id, null, "ready", "operator"],
    ]);
  });

  it("accepts any request that follows the rules", async () => {
    const validRequest = fc.record(
      {
        name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/),
        spacecraftId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/),
        args: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
        priority: fc.integer({ min: -1000, max: 1000 }),
        notBefore: fc.option(fc.integer({ min: T0, max: T0 + 1000 })),
      },
      { requiredKeys: ["name"] },
    );
    await fc.assert(
      fc.asyncProperty(validRequest, async (body) => {
        const { service, repository } = setup();
        const { command } = await service.submit(body as SubmitRequest);
        expect(await repository.get(command.id)).toEqual(command);
        expect(command.name).toBe(body.name);
      }),
      { numRuns: 100 },
    );
  });
});

describe("TelecommandService.submit with an idempotency key", () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });

  it("returns the first command, not created, for the same key and body", async () => {
    const body = { name: "PING", args: { a: 1, b: [true] }, priority: 3 };
    const first = await env.service.submit(body, "key-1");
    env.clock.advance(5000);
    const retry = await env.service.submit({ priority: 3, args: { b: [true], a: 1 }, name: "PING" }, "key-1");
    expect(first.created).toBe(true);
    expect(retry.command).toEqual(first.command);
    expect(retry.created).toBe(false);
    expect((await env.repository.list({ limit: 10 })).items).toEqual([first.command]);
    expect(env.published).toHaveLength(1);
    expect(env.service.stats()).toEqual({ rejectedSubmissions: 0, duplicateSubmissions: 1 });
  });

  it("treats an explicit default as the same body", async () => {
    const first = await env.service.submit({ name: "PING" }, "key-1");
    const retry = await env.service.submit(
      { name: "PING", priority: 0, spacecraftId: "sc-1", args: {} },
      "key-1",
    );
    expect(retry.command.id).toBe(first.command.id);
    expect(retry.created).toBe(false);
  });

  it("throws IdempotencyConflictError for the same key with another body, storing nothing", async () => {
    const first = await env.service.submit({ name: "PING" }, "key-1");
    const attempt = env.service.submit({ name: "PING", priority: 1 }, "key-1");
    await expect(attempt).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(env.service.submit({ name: "PONG" }, "key-1")).rejects.toMatchObject({
      details: { key: "key-1", existingId: first.command.id },
    });
    expect((await env.repository.list({ limit: 10 })).items).toEqual([first.command]);
    expect(env.published).toHaveLength(1);
    expect((await env.service.stats()).duplicateSubmissions).toBe(0);
  });

  it("stores every submission without a key, even identical ones", async () => {
    await env.service.submit({ name: "PING" });
    await env.service.submit({ name: "PING" });
    expect((await env.repository.list({ limit: 10 })).items).toHaveLength(2);
    expect((await env.service.stats()).duplicateSubmissions).toBe(0);
  });

  it("keeps one command per key over any sequence of retries, counting duplicates and conflicts", async () => {
    const attempt = fc.record({
      key: fc.constantFrom("k1", "k2", "k3"),
      priority: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { maxLength: 20 }), async (attempts) => {
        const { service, repository } = setup();
        const firstBody = new Map<string, number>();
        const ids = new Map<string, string>();
        let duplicates = 0;
        for (const { key, priority } of attempts) {
          const submission = service.submit({ name: "PING", priority }, key);
          const known = firstBody.get(key);
          if (known === undefined) {
            const { command, created } = await submission;
            expect(created).toBe(true);
            firstBody.set(key, priority);
            ids.set(key, command.id);
          } else if (known === priority) {
            const { command, created } = await submission;
            expect(created).toBe(false);
            expect(command.id).toBe(ids.get(key));
            duplicates++;
          } else {
            await expect(submission).rejects.toBeInstanceOf(IdempotencyConflictError);
          }
        }
        const stored = (await repository.list({ limit: 100 })).items;
        expect(stored.map((c) => c.id).sort()).toEqual([...ids.values()].sort());
        expect(service.stats()).toEqual({ rejectedSubmissions: 0, duplicateSubmissions: duplicates });
      }),
      { numRuns: 100 },
    );
  });

  it("yields one command when the same key and body race", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => env.service.submit({ name: "PING" }, "raced")),
    );
    expect(new Set(results.map((r) => r.command.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await env.service.stats()).duplicateSubmissions).toBe(4);
  });
});
