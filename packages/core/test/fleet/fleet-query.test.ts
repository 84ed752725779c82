import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { missionsOf, parseFleetSort, sortFleet } from "../../src/fleet/fleet-query.js";
import { newSpacecraft } from "../../src/fleet/spacecraft.js";

const fleet = [
  newSpacecraft("c", 30, { name: "charlie", mission: "demo", lastFrameAt: 5 }),
  newSpacecraft("a", 10, { name: "Alpha", mission: "Zeta" }),
  newSpacecraft("b", 20, { name: "bravo", mission: "DEMO", lastFrameAt: 9 }),
  newSpacecraft("d", 40, { name: "delta" }),
];
const ids = (items: readonly { id: string }[]) => items.map((s) => s.id);

describe("parseFleetSort", () => {
  it("reads a key and a leading - for descending, createdAt by default", () => {
    expect(parseFleetSort(undefined)).toEqual({ key: "createdAt", descending: false });
    expect(parseFleetSort("-lastFrameAt")).toEqual({ key: "lastFrameAt", descending: true });
    expect(parseFleetSort("name")).toEqual({ key: "name", descending: false });
  });

  it("refuses anything else as a ValidationError on sort", () => {
    for (const text of ["id", "--name", "Name", "health"]) {
      expect(() => parseFleetSort(text)).toThrow(ValidationError);
    }
  });
});

describe("sortFleet", () => {
  it("sorts by creation, name (case-insensitive) and mission, either way", () => {
    expect(ids(sortFleet(fleet, parseFleetSort("createdAt")))).toEqual(["a", "b", "c", "d"]);
    expect(ids(sortFleet(fleet, parseFleetSort("-createdAt")))).toEqual(["d", "c", "b", "a"]);
    expect(ids(sortFleet(fleet, parseFleetSort("name")))).toEqual(["a", "b", "c", "d"]);
    expect(ids(sortFleet(fleet, parseFleetSort("-name")))).toEqual(["d", "c", "b", "a"]);
    // Same mission in another case: creation order between them; no mission last.
    expect(ids(sortFleet(fleet, parseFleetSort("mission")))).toEqual(["b", "c", "a", "d"]);
    expect(ids(sortFleet(fleet, parseFleetSort("-mission")))).toEqual(["a", "b", "c", "d"]);
  });

  it("puts spacecraft that never sent a frame last, either way", () => {
    expect(ids(sortFleet(fleet, parseFleetSort("lastFrameAt")))).toEqual(["c", "b", "a", "d"]);
    expect(ids(sortFleet(fleet, parseFleetSort("-lastFrameAt")))).toEqual(["b", "c", "a", "d"]);
  });
});

describe("missionsOf", () => {
  it("lists missions alphabetically, case-insensitively merged, with counts, as the oldest spelled it", () => {
    expect(missionsOf(fleet)).toEqual([
      { mission: "DEMO", spacecraft: 2 },
      { mission: "Zeta", spacecraft: 1 },
    ]);
    expect(missionsOf([])).toEqual([]);
  });
});
