import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

interface Order {
  sort: string;
  descending: boolean;
  mission: string;
  health: string;
}
type Spacecraft = Record<string, string | null>;
/** What the console's `public/js/fleet-order.js` exports (plain JS, typed here). */
interface FleetOrderModule {
  orderFleet(fleet: Spacecraft[], order: Order): Spacecraft[];
  parseSort(text: string | null): { sort: string; descending: boolean };
}

const { orderFleet, parseSort } = (await import(
  fileURLToPath(new URL("../../public/js/fleet-order.js", import.meta.url))
)) as FleetOrderModule;

const fleet: Spacecraft[] = [
  {
    id: "a",
    name: "Zulu",
    mission: "demo",
    health: "nominal",
    createdAt: "2030-01-01T00:00:01Z",
    lastFrameAt: null,
  },
  {
    id: "b",
    name: "alpha",
    mission: null,
    health: "safe",
    createdAt: "2030-01-01T00:00:02Z",
    lastFrameAt: "2030-01-01T00:05:00Z",
  },
  {
    id: "c",
    name: "Mike",
    mission: "DEMO",
    health: "nominal",
    createdAt: "2030-01-01T00:00:03Z",
    lastFrameAt: "2030-01-01T00:01:00Z",
  },
  {
    id: "d",
    name: "mike",
    mission: "lunar",
    health: "unknown",
    createdAt: "2030-01-01T00:00:04Z",
    lastFrameAt: null,
  },
];
const ids = (order: Partial<Order>) =>
  orderFleet(fleet, { sort: "createdAt", descending: false, mission: "", health: "", ...order }).map(
    (s) => s.id,
  );

// The fleet view orders and filters in the page with the API's keys (SPEC §8's GET /api/spacecraft).
describe("the console's fleet order", () => {
  it("sorts by the API's keys, case-insensitively, ties by registration, missing keys last both ways", () => {
    expect(ids({})).toEqual(["a", "b", "c", "d"]);
    expect(ids({ descending: true })).toEqual(["d", "c", "b", "a"]);
    expect(ids({ sort: "name" })).toEqual(["b", "c", "d", "a"]);
    expect(ids({ sort: "name", descending: true })).toEqual(["a", "c", "d", "b"]);
    expect(ids({ sort: "mission" })).toEqual(["a", "c", "d", "b"]);
    expect(ids({ sort: "mission", descending: true })).toEqual(["d", "a", "c", "b"]);
    expect(ids({ sort: "lastFrameAt" })).toEqual(["c", "b", "a", "d"]);
    expect(ids({ sort: "lastFrameAt", descending: true })).toEqual(["b", "c", "a", "d"]);
  });

  it("filters by mission (case-insensitively) and health", () => {
    expect(ids({ mission: "Demo" })).toEqual(["a", "c"]);
    expect(ids({ health: "nominal" })).toEqual(["a", "c"]);
    expect(ids({ mission: "demo", health: "safe" })).toEqual([]);
  });

  it("reads the API's sort spelling, and falls back to registration order", () => {
    expect(parseSort("-name")).toEqual({ sort: "name", descending: true });
    expect(parseSort("lastFrameAt")).toEqual({ sort: "lastFrameAt", descending: false });
    expect(parseSort("-bogus")).toEqual({ sort: "createdAt", descending: false });
    expect(parseSort(null)).toEqual({ sort: "createdAt", descending: false });
  });
});
