import { describe, expect, it } from "vitest";
import type { DownlinkLog } from "../ports/downlink-log.js";
import type { DownlinkFrame } from "../types.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import { FIXTURE_EPOCH } from "./telecommand-fixtures.js";

/** One test's downlink log, empty, and how to dispose of it. */
export interface DownlinkLogUnderTest extends ContractSubject {
  readonly log: DownlinkLog;
}

/** Makes an empty downlink log for one test (see {@link RepositoryFactory} for slow adapters). */
export type DownlinkLogFactory = () => Promise<DownlinkLogUnderTest> | DownlinkLogUnderTest;

/**
 * A telemetry frame for tests; any field can be overridden.
 *
 * @example
 * await log.append(makeFrame({ seq: 2 }), "fp-2");
 */
export function makeFrame(overrides: Partial<DownlinkFrame> = {}): DownlinkFrame {
  const seq = overrides.seq ?? 1;
  return {
    spacecraftId: "sc-1",
    seq,
    time: FIXTURE_EPOCH + seq * 1000,
    type: "telemetry",
    parameters: { v: seq },
    ...overrides,
  };
}

/**
 * The contract every {@link DownlinkLog} adapter must pass (vitest): append answers `new`,
 * `duplicate` or `conflict` per `(spacecraftId, seq)` with the first write winning (also
 * between concurrent writers); cursors start at 0 and only move forward.
 *
 * @example
 * runDownlinkLogContract("InMemoryDownlinkLog", () => ({ log: new InMemoryDownlinkLog() }));
 */
export function runDownlinkLogContract(
  name: string,
  makeLog: DownlinkLogFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (DownlinkLog contract)`, () => {
    const subject = useContractSubject(makeLog, hooks);
    const log = () => subject().log;

    it("answers new, then duplicate for the same content, then conflict for other content", async () => {
      expect(await log().append(makeFrame({ seq: 1 }), "fp-a")).toBe("new");
      expect(await log().append(makeFrame({ seq: 1 }), "fp-a")).toBe("duplicate");
      expect(await log().append(makeFrame({ seq: 1, parameters: { v: 9 } }), "fp-b")).toBe("conflict");
      // The first write won: its content is still the one a duplicate is compared with.
      expect(await log().append(makeFrame({ seq: 1 }), "fp-a")).toBe("duplicate");
      expect(await log().append(makeFrame({ seq: 1, parameters: { v: 9 } }), "fp-b")).toBe("conflict");
    });

    it("keys frames by spacecraft and seq", async () => {
      expect(await log().append(makeFrame({ seq: 1 }), "fp")).toBe("new");
      expect(await log().append(makeFrame({ seq: 2 }), "fp")).toBe("new");
      expect(await log().append(makeFrame({ spacecraftId: "sc-2", seq: 1 }), "fp")).toBe("new");
      expect(await log().append(makeFrame({ spacecraftId: "sc-2", seq: 1 }), "other")).toBe("conflict");
    });

    it("lets exactly one of concurrent writers of the same frame win", async () => {
      const fingerprints = ["fp-0", "fp-1", "fp-2", "fp-3", "fp-4"];
      const answers = await Promise.all(fingerprints.map((fp) => log().append(makeFrame({ seq: 7 }), fp)));
      expect(answers.filter((a) => a === "new")).toHaveLength(1);
      expect(answers.filter((a) => a === "conflict")).toHaveLength(fingerprints.length - 1);
      const winner = fingerprints[answers.indexOf("new")] as string;
      expect(await log().append(makeFrame({ seq: 7 }), winner)).toBe("duplicate");
    });

    it("starts every cursor at 0", async () => {
      expect(await log().cursor("sc-1")).toBe(0);
      await log().append(makeFrame({ seq: 1 }), "fp");
      expect(await log().cursor("sc-1")).toBe(0);
    });

    it("advances a cursor forward only, per spacecraft", async () => {
      await log().advance("sc-1", 3);
      expect(await log().cursor("sc-1")).toBe(3);
      await log().advance("sc-1", 5);
      await log().advance("sc-1", 4);
      expect(await log().cursor("sc-1")).toBe(5);
      await log().advance("sc-1", 5);
      expect(await log().cursor("sc-1")).toBe(5);
      expect(await log().cursor("sc-2")).toBe(0);
      await log().advance("sc-2", 1);
      expect(await log().cursor("sc-2")).toBe(1);
      expect(await log().cursor("sc-1")).toBe(5);
    });

    it("keeps the cursor forward under concurrent advances", async () => {
      await Promise.all([9, 2, 7, 4].map((seq) => log().advance("sc-1", seq)));
      expect(await log().cursor("sc-1")).toBe(9);
    });
  });
}
