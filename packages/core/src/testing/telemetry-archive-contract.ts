import { describe, expect, it } from "vitest";
import type { TelemetryArchive, TelemetryPoint } from "../ports/telemetry-archive.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";

/** One test's archive, empty, and how to dispose of it. */
export interface TelemetryArchiveUnderTest extends ContractSubject {
  readonly archive: TelemetryArchive;
  /** Another adapter over the same storage (a second process); the in-memory one: itself. */
  readonly peer: TelemetryArchive;
}

/** Makes an empty archive for one test. */
export type TelemetryArchiveFactory = () => Promise<TelemetryArchiveUnderTest> | TelemetryArchiveUnderTest;

const T = 1_893_456_000_000;
const point = (
  name: string,
  seq: number,
  value: TelemetryPoint["value"],
  spacecraftId = "sc-1",
): TelemetryPoint => ({
  spacecraftId,
  name,
  value,
  time: T + seq * 1_000,
  seq,
});

/**
 * The contract every {@link TelemetryArchive} adapter must pass (vitest): the latest value of a
 * parameter is the one of the highest seq whatever the arrival order (a late point never
 * overwrites a newer one, also when batches race), values keep their type, the history holds
 * every point once (first write wins) and reads a range oldest first, and pruning drops only
 * history before the instant.
 *
 * @example
 * runTelemetryArchiveContract("InMemoryTelemetryArchive", () => {
 *   const archive = new InMemoryTelemetryArchive();
 *   return { archive, peer: archive };
 * });
 */
export function runTelemetryArchiveContract(
  name: string,
  make: TelemetryArchiveFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (TelemetryArchive contract)`, () => {
    const subject = useContractSubject(make, hooks);
    const archive = () => subject().archive;

    it("starts empty", async () => {
      expect(await archive().latest(["sc-1"])).toEqual([]);
      expect(await archive().history({ spacecraftId: "sc-1", name: "V", limit: 10 })).toEqual([]);
    });

    it("keeps numbers, strings and booleans as they are, by spacecraft then name", async () => {
      await archive().record([point("V", 1, 28.25), point("MODE", 1, "SAFE"), point("ON", 1, true, "sc-2")]);
      expect(await archive().latest(["sc-2", "sc-1"])).toEqual([
        point("MODE", 1, "SAFE"),
        point("V", 1, 28.25),
        point("ON", 1, true, "sc-2"),
      ]);
      expect(await archive().latest(["sc-3"])).toEqual([]);
    });

    it("never lets a lower seq overwrite a higher one, in one batch or across batches", async () => {
      await archive().record([point("V", 5, 5), point("V", 3, 3)]);
      await archive().record([point("V", 4, 4)]);
      expect(await archive().latest(["sc-1"])).toEqual([point("V", 5, 5)]);
      await archive().record([point("V", 6, 6)]);
      expect(await archive().latest(["sc-1"])).toEqual([point("V", 6, 6)]);
      // The late ones are in the history all the same.
      const history = await archive().history({ spacecraftId: "sc-1", name: "V", limit: 10 });
      expect(history.map((p) => p.seq)).toEqual([3, 4, 5, 6]);
    });

    it("ends on the highest seq when batches from two processes race", async () => {
      const batches = Array.from({ length: 20 }, (_, i) => [
        point("V", i + 1, i + 1),
        point("W", 20 - i, 20 - i),
      ]);
      await Promise.all(batches.map((b, i) => (i % 2 ? subject().peer : archive()).record(b)));
      expect(await archive().latest(["sc-1"])).toEqual([point("V", 20, 20), point("W", 20, 20)]);
    });

    it("keeps the first of two points with the same seq", async () => {
      await archive().record([point("V", 1, 1)]);
      await archive().record([point("V", 1, 99)]);
      expect(await archive().history({ spacecraftId: "sc-1", name: "V", limit: 10 })).toEqual([
        point("V", 1, 1),
      ]);
      expect(await archive().latest(["sc-1"])).toEqual([point("V", 1, 1)]);
    });

    it("reads one parameter's range, bounds inclusive, oldest first, at most limit", async () => {
      await archive().record([1, 2, 3, 4, 5].map((seq) => point("V", seq, seq * 10)));
      await archive().record([point("W", 3, 0)]);
      const range = await archive().history({
        spacecraftId: "sc-1",
        name: "V",
        from: T + 2_000,
        to: T + 4_000,
        limit: 10,
      });
      expect(range.map((p) => p.value)).toEqual([20, 30, 40]);
      const first = await archive().history({ spacecraftId: "sc-1", name: "V", limit: 2 });
      expect(first.map((p) => p.seq)).toEqual([1, 2]);
    });

    it("prunes history before an instant, keeping the latest values", async () => {
      await archive().record([1, 2, 3].map((seq) => point("V", seq, seq)));
      expect(await archive().prune(T + 3_000)).toBe(2);
      expect(
        (await archive().history({ spacecraftId: "sc-1", name: "V", limit: 10 })).map((p) => p.seq),
      ).toEqual([3]);
      expect(await archive().latest(["sc-1"])).toEqual([point("V", 3, 3)]);
      expect(await archive().prune(T)).toBe(0);
    });

    it("records an empty batch as nothing", async () => {
      await archive().record([]);
      expect(await archive().latest(["sc-1"])).toEqual([]);
    });
  });
}
