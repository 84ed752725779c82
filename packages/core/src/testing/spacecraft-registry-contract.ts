import { describe, expect, it } from "vitest";
import { newSpacecraft } from "../fleet/spacecraft.js";
import type { SpacecraftRegistry } from "../ports/spacecraft-registry.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's registry, empty, and how to dispose of it. */
export interface SpacecraftRegistryUnderTest extends ContractSubject {
  readonly registry: SpacecraftRegistry;
  /** Another adapter over the same storage (a second process); the in-memory one: itself. */
  readonly peer: SpacecraftRegistry;
}

/** Makes an empty registry for one test. */
export type SpacecraftRegistryFactory = () =>
  | Promise<SpacecraftRegistryUnderTest>
  | SpacecraftRegistryUnderTest;

/**
 * The contract every {@link SpacecraftRegistry} adapter must pass (vitest): an id is stored
 * once (the second add is refused, also when both race), every field survives a round trip,
 * the list is oldest first, a change touches only the fields it carries, a removal is final,
 * and `noteFrames` answers the registered ids and only moves `lastFrameAt` forward.
 *
 * @example
 * runSpacecraftRegistryContract("InMemorySpacecraftRegistry", () => {
 *   const registry = new InMemorySpacecraftRegistry();
 *   return { registry, peer: registry };
 * });
 */
export function runSpacecraftRegistryContract(
  name: string,
  make: SpacecraftRegistryFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (SpacecraftRegistry contract)`, () => {
    const subject = useContractSubject(make, hooks);
    const registry = () => subject().registry;
    const full = newSpacecraft("sat-7", 1_000, {
      name: "Sat Seven",
      mission: "Demo",
      contacts: "periodic:90m/10m",
      uplinkUrl: "http://127.0.0.1:9100",
      uplinkRateBps: 2_000_000_000_000,
    });

    it("starts empty", async () => {
      expect(await registry().list()).toEqual([]);
      expect(await registry().get("sat-7")).toBeNull();
    });

    it("stores every field, and reads it back from a peer", async () => {
      expect(await registry().add(full)).toBe(true);
      expect(await registry().get("sat-7")).toEqual(full);
      expect(await subject().peer.get("sat-7")).toEqual(full);
    });

    it("refuses a second add of an id, keeping the first", async () => {
      await registry().add(full);
      expect(await registry().add(newSpacecraft("sat-7", 2_000))).toBe(false);
      expect(await registry().get("sat-7")).toEqual(full);
    });

    it("lets exactly one of racing adds of an id win", async () => {
      const results = await Promise.all([
        registry().add(newSpacecraft("race", 1, { name: "a" })),
        subject().peer.add(newSpacecraft("race", 1, { name: "b" })),
        registry().add(newSpacecraft("race", 1, { name: "c" })),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await registry().list()).map((s) => s.id)).toEqual(["race"]);
    });

    it("lists oldest first, then by id", async () => {
      await registry().add(newSpacecraft("b", 20));
      await registry().add(newSpacecraft("c", 10));
      await registry().add(newSpacecraft("a", 20));
      expect((await registry().list()).map((s) => s.id)).toEqual(["c", "a", "b"]);
    });

    it("changes only the fields a change carries, null included", async () => {
      await registry().add(full);
      const changed = await registry().update("sat-7", { mission: null, uplinkRateBps: 9600 });
      expect(changed).toEqual({ ...full, mission: null, uplinkRateBps: 9600 });
      expect(await registry().get("sat-7")).toEqual(changed);
      expect(await registry().update("sat-7", {})).toEqual(changed);
    });

    it("answers null when changing a spacecraft that is not registered", async () => {
      expect(await registry().update("nope", { name: "x" })).toBeNull();
      expect(await registry().list()).toEqual([]);
    });

    it("removes a spacecraft for good", async () => {
      await registry().add(full);
      expect(await registry().remove("sat-7")).toBe(true);
      expect(await registry().remove("sat-7")).toBe(false);
      expect(await registry().get("sat-7")).toBeNull();
      expect(await registry().add(newSpacecraft("sat-7", 5))).toBe(true);
    });

    it("notes frames of registered spacecraft only, and only moves lastFrameAt forward", async () => {
      await registry().add(newSpacecraft("a", 1));
      await registry().add(newSpacecraft("b", 2));
      expect(await registry().noteFrames(["x", "b", "a", "b"], 500)).toEqual(["b", "a"]);
      expect((await registry().get("a"))?.lastFrameAt).toBe(500);
      expect(await registry().noteFrames(["a"], 400)).toEqual(["a"]);
      expect((await registry().get("a"))?.lastFrameAt).toBe(500);
      await subject().peer.noteFrames(["a"], 900);
      expect((await registry().get("a"))?.lastFrameAt).toBe(900);
      expect(await registry().noteFrames([], 1)).toEqual([]);
      expect(await registry().get("x")).toBeNull();
    });

    it("compares ids exactly (case and all)", async () => {
      await registry().add(newSpacecraft("Sat", 1));
      expect(await registry().get("sat")).toBeNull();
      expect(await registry().add(newSpacecraft("sat", 2))).toBe(true);
      expect(await registry().noteFrames(["SAT"], 3)).toEqual([]);
    });
  });
}
