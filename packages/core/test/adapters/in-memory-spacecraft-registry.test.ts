import { expect, it } from "vitest";
import { InMemorySpacecraftRegistry } from "../../src/adapters/in-memory-spacecraft-registry.js";
import { newSpacecraft } from "../../src/fleet/spacecraft.js";
import { runSpacecraftRegistryContract } from "../../src/testing/index.js";

runSpacecraftRegistryContract("InMemorySpacecraftRegistry", () => {
  const registry = new InMemorySpacecraftRegistry();
  return { registry, peer: registry };
});

it("answers at once, and hands out copies that do not change what it stores", () => {
  const registry = new InMemorySpacecraftRegistry();
  expect(registry.add(newSpacecraft("a", 1))).toBe(true);
  const read = registry.get("a") as { name: string };
  read.name = "changed";
  expect(registry.get("a")?.name).toBe("a");
});
