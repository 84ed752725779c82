import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

interface Sample {
  value: number | string | boolean;
  time: string;
  seq: number;
}
interface Spacecraft {
  id: string;
  lastFrameAt: string | null;
  telemetry: Record<string, Sample>;
  [key: string]: unknown;
}
/** What the console's `public/js/fleet-store.js` exports (plain JS, typed here). */
interface FleetStoreClass {
  new (): {
    put(spacecraft: Spacecraft): void;
    applyTelemetry(event: { spacecraftId: string; parameters: Record<string, Sample> }): void;
    get(id: string): Spacecraft | null;
    missions(): string[];
    subscribe(listener: (change: { ids: string[]; telemetry: unknown }) => void): () => void;
  };
}

const { FleetStore } = (await import(
  fileURLToPath(new URL("../../public/js/fleet-store.js", import.meta.url))
)) as { FleetStore: FleetStoreClass };

const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, second)).toISOString();
const spacecraft = (telemetry: Record<string, Sample>, lastFrameAt: string | null = null): Spacecraft => ({
  id: "sc-1",
  mission: "Demo",
  lastFrameAt,
  telemetry,
});

// The page keeps SPEC §8's rule for the values it shows: a lower seq never replaces a higher one,
// whichever way it arrives (a snapshot read before an event, a late event).
describe("the console's fleet store", () => {
  it("keeps each parameter's value of the highest seq, from snapshots and events alike", () => {
    const store = new FleetStore();
    store.put(spacecraft({ BATT_V: { value: 28, time: at(1), seq: 5 } }, at(1)));
    store.applyTelemetry({
      spacecraftId: "sc-1",
      parameters: {
        BATT_V: { value: 29, time: at(3), seq: 7 },
        MODE: { value: "SAFE", time: at(3), seq: 7 },
      },
    });
    // A snapshot read before that event arrives after it.
    store.put(spacecraft({ BATT_V: { value: 28.5, time: at(2), seq: 6 } }, at(2)));
    // A late event.
    store.applyTelemetry({
      spacecraftId: "sc-1",
      parameters: { MODE: { value: "NOMINAL", time: at(0), seq: 4 } },
    });
    const held = store.get("sc-1");
    expect(held?.telemetry).toEqual({
      BATT_V: { value: 29, time: at(3), seq: 7 },
      MODE: { value: "SAFE", time: at(3), seq: 7 },
    });
    expect(held?.lastFrameAt).toBe(at(3));
  });

  it("tells its listeners which spacecraft changed, and lists missions once each, alphabetically", () => {
    const store = new FleetStore();
    const seen: string[][] = [];
    store.subscribe((change) => seen.push(change.ids));
    store.put({ ...spacecraft({}), id: "a", mission: "lunar" });
    store.put({ ...spacecraft({}), id: "b", mission: "Demo" });
    store.put({ ...spacecraft({}), id: "c", mission: "LUNAR" });
    store.applyTelemetry({ spacecraftId: "unknown", parameters: { X: { value: 1, time: at(0), seq: 1 } } });
    expect(seen).toEqual([["a"], ["b"], ["c"], []]);
    expect(store.missions()).toEqual(["Demo", "lunar"]);
  });
});
