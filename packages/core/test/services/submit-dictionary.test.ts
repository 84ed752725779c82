import { describe, expect, it } from "vitest";
import { InMemoryCounters } from "../../src/adapters/in-memory-counters.js";
import { InMemoryDictionaryStore } from "../../src/adapters/in-memory-dictionary-store.js";
import { InMemorySpacecraftRegistry } from "../../src/adapters/in-memory-spacecraft-registry.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import { ready } from "../../src/awaitable.js";
import { DictionaryCatalog } from "../../src/dictionary/dictionary-catalog.js";
import { SubmissionChecks } from "../../src/dictionary/submission-checks.js";
import { InvalidArgumentError, UnknownCommandError } from "../../src/errors.js";
import { newSpacecraft } from "../../src/fleet/spacecraft.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import type { SubmitRequest, Telecommand } from "../../src/types.js";

const T0 = 1_893_456_000_000;

function setup() {
  const clock = new ManualClock(T0);
  const repository = new InMemoryTelecommandRepository();
  const counters = new InMemoryCounters();
  const catalog = new DictionaryCatalog(new InMemoryDictionaryStore(), clock);
  catalog.put("demo", {
    commands: [
      {
        name: "SET_MODE",
        category: "platform",
        args: {
          mode: { type: "enum", values: ["NOMINAL", "SAFE"] },
          duration: { type: "integer", min: 0, max: 3600, optional: true, default: 0 },
        },
        timeouts: { acceptanceMs: 5_000, executionMs: 7_000 },
      },
      { name: "FIRE", category: "propulsion", hazardous: true },
    ],
  });
  const registry = new InMemorySpacecraftRegistry();
  for (const [id, mission] of [
    ["demo-1", "demo"],
    ["demo-2", "DEMO"],
    ["sc-1", null],
  ] as const) {
    registry.add(newSpacecraft(id, 0, { mission }));
  }
  const service = new TelecommandService(
    repository,
    clock,
    new SeededRandom(3),
    new InProcessEventPublisher(),
    {
      counters,
      registry,
      checks: new SubmissionChecks(catalog),
      timeouts: { acceptanceMs: 60_000, executionMs: 300_000 },
    },
  );
  const submit = (request: SubmitRequest): Telecommand => ready(service.submit(request)).command;
  const stored = () => ready(repository.countByStatus());
  return { clock, service, submit, counters, stored };
}

describe("a submission to a spacecraft whose mission has a dictionary", () => {
  it("is stored with its defaults filled in, its category, hazard and the dictionary's version", () => {
    const { submit } = setup();
    const command = submit({ name: "SET_MODE", spacecraftId: "demo-1", args: { mode: "SAFE" } });
    expect(command.args).toEqual({ mode: "SAFE", duration: 0 });
    expect(command.profile).toMatchObject({ category: "platform", hazardous: false });
    expect(command.profile?.dictionaryVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(submit({ name: "FIRE", spacecraftId: "demo-2" }).profile).toMatchObject({ hazardous: true });
  });

  it("starts a hazardous command in pending_approval (SPEC §10), the others in ready", () => {
    const { submit } = setup();
    expect(submit({ name: "FIRE", spacecraftId: "demo-1" }).status).toBe("pending_approval");
    expect(submit({ name: "SET_MODE", spacecraftId: "demo-1", args: { mode: "SAFE" } }).status).toBe("ready");
  });

  it("refuses an unknown name with suggestions, counted and not stored", () => {
    const { service, counters, stored } = setup();
    let error: unknown;
    try {
      ready(service.submit({ name: "SET_MOD", spacecraftId: "demo-1", args: { mode: "SAFE" } }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownCommandError);
    expect((error as UnknownCommandError).details.suggestions).toEqual(["SET_MODE"]);
    expect(ready(counters.read())).toEqual({
      rejectedSubmissions: 1,
      dropped: 1,
      "dropped.spacecraft:demo-1": 1,
    });
    expect(stored()).toEqual({});
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, "args.mode"],
    [{ mode: "OFF" }, "args.mode"],
    [{ mode: "SAFE", duration: 4000 }, "args.duration"],
    [{ mode: "SAFE", extra: true }, "args.extra"],
  ])("refuses args %j naming %s, storing nothing", (args, field) => {
    const { service, stored } = setup();
    expect(() => ready(service.submit({ name: "SET_MODE", spacecraftId: "demo-1", args }))).toThrow(
      InvalidArgumentError,
    );
    try {
      ready(service.submit({ name: "SET_MODE", spacecraftId: "demo-1", args }));
    } catch (error) {
      expect((error as InvalidArgumentError).details.field).toBe(field);
    }
    expect(stored()).toEqual({});
  });

  it("runs under the command's own timeouts, and others under the service's", () => {
    const { clock, service, submit } = setup();
    const own = submit({ name: "SET_MODE", spacecraftId: "demo-1", args: { mode: "SAFE" } });
    const plain = submit({ name: "FIRE", spacecraftId: "demo-1" });
    ready(service.approve(plain.id, "grace"));
    const sent = (command: Telecommand) => ready(service.apply(command.id, { type: "TRANSMIT" }, "sender"));
    const a = sent(own);
    const b = sent(plain);
    expect(a.kind === "applied" && a.command.deadline).toBe(clock.now() + 5_000);
    expect(b.kind === "applied" && b.command.deadline).toBe(clock.now() + 60_000);
    const accepted = ready(service.apply(own.id, { type: "ACCEPTED" }, "spacecraft"));
    expect(accepted.kind === "applied" && accepted.command.deadline).toBe(clock.now() + 7_000);
  });
});

describe("a submission to a spacecraft without a dictionary", () => {
  it("is accepted with any well-formed name and arguments, as before", () => {
    const { submit } = setup();
    const command = submit({ name: "ANYTHING", spacecraftId: "sc-1", args: { whatever: [1, 2] } });
    expect(command.args).toEqual({ whatever: [1, 2] });
    expect(command.profile).toBeNull();
  });
});
