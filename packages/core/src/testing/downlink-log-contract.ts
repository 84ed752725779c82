import { describe, expect, it } from "vitest";
import type { DownlinkLog, StreamProgress } from "../ports/downlink-log.js";
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
 * await log.append(makeFrame({ seq: 2 }), FIXTURE_EPOCH);
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

/** A save of a cursor with nothing else to store. */
function progress(spacecraftId: string, cursor: number): StreamProgress {
  return {
    spacecraftId,
    cursor,
    gaps: [],
    applied: 0,
    late: 0,
    unknownCommand: 0,
    unknownType: 0,
    telemetry: 0,
  };
}

const AT = FIXTURE_EPOCH;

/**
 * The contract every {@link DownlinkLog} adapter must pass (vitest): append answers `new`,
 * `duplicate` or `conflict` per `(spacecraftId, seq)` by content, with the first write winning
 * (also between concurrent writers); a stream loads with its cursor (0 at first, forward only)
 * and the frames stored beyond it by arrival.
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
      const first = makeFrame({ seq: 1 });
      const other = makeFrame({ seq: 1, parameters: { v: 9 } });
      expect(await log().append(first, AT)).toBe("new");
      expect(await log().append(first, AT)).toBe("duplicate");
      expect(await log().append(other, AT)).toBe("conflict");
      // The first write won: its content is still the one a duplicate is compared with.
      expect(await log().append(makeFrame({ seq: 1 }), AT + 5)).toBe("duplicate");
      expect(await log().append(makeFrame({ seq: 1, parameters: { v: 9 } }), AT)).toBe("conflict");
      expect(await log().append(makeFrame({ seq: 1, time: first.time + 1 }), AT)).toBe("conflict");
    });

    it("compares content, not the order of keys", async () => {
      const frame = makeFrame({ seq: 3, parameters: { a: 1, b: "x" } });
      expect(await log().append(frame, AT)).toBe("new");
      const reordered: DownlinkFrame = {
        type: "telemetry",
        parameters: { b: "x", a: 1 },
        time: frame.time,
        seq: 3,
        spacecraftId: "sc-1",
      };
      expect(await log().append(reordered, AT)).toBe("duplicate");
    });

    it("keys frames by spacecraft and seq", async () => {
      expect(await log().append(makeFrame({ seq: 1 }), AT)).toBe("new");
      expect(await log().append(makeFrame({ seq: 2 }), AT)).toBe("new");
      expect(await log().append(makeFrame({ spacecraftId: "sc-2", seq: 1 }), AT)).toBe("new");
      expect(await log().append(makeFrame({ spacecraftId: "sc-2", seq: 1, parameters: { v: 0 } }), AT)).toBe(
        "conflict",
      );
    });

    it("lets exactly one of concurrent writers of the same frame win", async () => {
      const contents = [0, 1, 2, 3, 4].map((v) => makeFrame({ seq: 7, parameters: { v } }));
      const answers = await Promise.all(contents.map((frame) => log().append(frame, AT)));
      expect(answers.filter((a) => a === "new")).toHaveLength(1);
      expect(answers.filter((a) => a === "conflict")).toHaveLength(contents.length - 1);
      const winner = contents[answers.indexOf("new")] as DownlinkFrame;
      expect(await log().append({ ...winner }, AT)).toBe("duplicate");
    });

    it("loads a stream never seen at cursor 0, with nothing held", async () => {
      expect(await log().load("sc-1")).toEqual({ cursor: 0, held: [] });
    });

    it("loads the frames stored beyond the cursor, by arrival, with their arrival", async () => {
      await log().append(makeFrame({ seq: 4 }), AT + 10);
      await log().append(makeFrame({ seq: 2 }), AT + 20);
      await log().append(makeFrame({ seq: 1 }), AT + 30);
      await log().append(makeFrame({ spacecraftId: "sc-2", seq: 3 }), AT + 40);
      const stored = await log().load("sc-1");
      expect(stored.cursor).toBe(0);
      expect(stored.held.map((h) => [h.frame.seq, h.at])).toEqual([
        [4, AT + 10],
        [2, AT + 20],
        [1, AT + 30],
      ]);
      expect(stored.held[0]?.frame).toEqual(makeFrame({ seq: 4 }));
      await log().save(progress("sc-1", 2));
      expect((await log().load("sc-1")).held.map((h) => h.frame.seq)).toEqual([4]);
      expect((await log().load("sc-2")).held.map((h) => h.frame.seq)).toEqual([3]);
    });

    it("moves a cursor forward only, per spacecraft", async () => {
      await log().save(progress("sc-1", 3));
      expect((await log().load("sc-1")).cursor).toBe(3);
      await log().save(progress("sc-1", 5));
      await log().save(progress("sc-1", 4));
      expect((await log().load("sc-1")).cursor).toBe(5);
      expect((await log().load("sc-2")).cursor).toBe(0);
      await log().save(progress("sc-2", 1));
      expect((await log().load("sc-2")).cursor).toBe(1);
      expect((await log().load("sc-1")).cursor).toBe(5);
    });

    it("keeps the cursor forward under concurrent saves", async () => {
      await Promise.all([9, 2, 7, 4].map((seq) => log().save(progress("sc-1", seq))));
      expect((await log().load("sc-1")).cursor).toBe(9);
    });
  });
}
