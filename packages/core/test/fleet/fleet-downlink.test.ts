import { describe, expect, it } from "vitest";
import { InMemoryCounters } from "../../src/adapters/in-memory-counters.js";
import { InMemorySpacecraftRegistry } from "../../src/adapters/in-memory-spacecraft-registry.js";
import { InMemoryTelemetryArchive } from "../../src/adapters/in-memory-telemetry-archive.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { AlwaysContactPlan } from "../../src/contacts/always-contact-plan.js";
import { FleetContactPlan } from "../../src/contacts/fleet-contact-plan.js";
import { FleetDownlink, UNKNOWN_SPACECRAFT_COUNTER } from "../../src/fleet/fleet-downlink.js";
import { newSpacecraft } from "../../src/fleet/spacecraft.js";
import { isInContact } from "../../src/ports/contact-plan.js";
import type { DownlinkFrame } from "../../src/types.js";

const frame = (spacecraftId: string, seq: number): DownlinkFrame =>
  ({ spacecraftId, seq, time: 0, type: "telemetry", parameters: { V: seq } }) as DownlinkFrame;

describe("FleetDownlink", () => {
  it("passes on the frames of registered spacecraft, counts the others, and notes when frames came", () => {
    const registry = new InMemorySpacecraftRegistry();
    registry.add(newSpacecraft("a", 0));
    const counters = new InMemoryCounters();
    const passed: DownlinkFrame[][] = [];
    const door = new FleetDownlink(registry, counters, new ManualClock(5_000), {
      receive: (frames: readonly DownlinkFrame[]) => {
        passed.push([...frames]);
        return "report";
      },
    });
    expect(door.receive([frame("x", 1), frame("a", 1), frame("x", 2)])).toEqual({
      report: "report",
      unknownSpacecraft: 2,
    });
    expect(passed).toEqual([[frame("a", 1)]]);
    expect(counters.read()).toEqual({ [UNKNOWN_SPACECRAFT_COUNTER]: 2 });
    expect(registry.get("a")?.lastFrameAt).toBe(5_000);
    // Only unknown frames: nothing goes on.
    expect(door.receive([frame("y", 1)])).toEqual({ report: null, unknownSpacecraft: 1 });
    expect(passed).toHaveLength(1);
  });
});

describe("FleetDownlink when storage fails", () => {
  it("rejects with the first failure and leaves no other rejection unobserved (it would end the process)", async () => {
    const registry = new InMemorySpacecraftRegistry();
    registry.add(newSpacecraft("a", 0));
    const archive = new InMemoryTelemetryArchive();
    const archiveDown = new Error("archive: the pool has ended");
    archive.record = () => Promise.reject(archiveDown);
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", note);
    try {
      const door = new FleetDownlink(
        registry,
        new InMemoryCounters(),
        new ManualClock(0),
        {
          // The processor fails a moment later than the archive, as a stream lock's connect does.
          receive: () =>
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error("lock: ended")), 5)),
        },
        archive,
      );
      await expect(door.receive([frame("a", 1)])).rejects.toBe(archiveDown);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", note);
    }
  });
});

describe("FleetContactPlan", () => {
  it("follows a spacecraft's own plan where it has one, the process-wide plan otherwise", () => {
    const plan = new FleetContactPlan(new AlwaysContactPlan());
    plan.update([
      { id: "own", contacts: "windows:2030-01-01T00:00:00Z/2030-01-01T00:10:00Z" },
      { id: "default", contacts: null },
    ]);
    const inside = Date.parse("2030-01-01T00:05:00Z");
    const outside = Date.parse("2030-01-01T01:00:00Z");
    expect(isInContact(plan, "own", inside)).toBe(true);
    expect(isInContact(plan, "own", outside)).toBe(false);
    expect(isInContact(plan, "default", outside)).toBe(true);
    expect(isInContact(plan, "unregistered", outside)).toBe(true);
    plan.update([{ id: "own", contacts: null }]);
    expect(isInContact(plan, "own", outside)).toBe(true);
  });

  it("keeps the process-wide plan for a spacecraft whose plan cannot be built, and says so", () => {
    const plan = new FleetContactPlan(new AlwaysContactPlan());
    const errors: string[] = [];
    plan.update([{ id: "tle", contacts: "tle:/nowhere.tle" }], (id) => errors.push(id));
    expect(errors).toEqual(["tle"]);
    expect(isInContact(plan, "tle", 0)).toBe(true);
  });
});

describe("FleetDownlink with a telemetry archive", () => {
  it("stores the telemetry of registered spacecraft, latest by seq whatever the order", () => {
    const registry = new InMemorySpacecraftRegistry();
    registry.add(newSpacecraft("a", 0));
    const archive = new InMemoryTelemetryArchive();
    const door = new FleetDownlink(
      registry,
      new InMemoryCounters(),
      new ManualClock(0),
      { receive: () => null },
      archive,
    );
    door.receive([frame("a", 3), frame("a", 2), frame("x", 9)]);
    door.receive([frame("a", 1)]);
    expect(archive.latest(["a", "x"])).toEqual([{ spacecraftId: "a", name: "V", value: 3, time: 0, seq: 3 }]);
    expect(archive.history({ spacecraftId: "a", name: "V", limit: 10 }).map((p) => p.seq)).toEqual([1, 2, 3]);
  });
});
