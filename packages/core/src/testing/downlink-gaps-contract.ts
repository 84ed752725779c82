import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import type { DownlinkGaps } from "../ports/downlink-gaps.js";
import type { DownlinkLog, GapRecord } from "../ports/downlink-log.js";
import { type ContractHooks, type ContractSubject, useContractSubject } from "./contract-harness.js";
import { FIXTURE_EPOCH } from "./telecommand-fixtures.js";

/** One test's downlink log that lists its gaps, empty, and how to dispose of it. */
export interface DownlinkGapsUnderTest extends ContractSubject {
  readonly log: DownlinkLog & DownlinkGaps;
}

/** Makes an empty log for one test. */
export type DownlinkGapsFactory = () => Promise<DownlinkGapsUnderTest> | DownlinkGapsUnderTest;

function gap(spacecraftId: string, fromSeq: number, toSeq: number, at: number): GapRecord {
  return {
    spacecraftId,
    fromSeq,
    toSeq,
    at: FIXTURE_EPOCH + at,
    cause: at % 2 === 0 ? "timeout" : "overflow",
  };
}

/**
 * The contract of a {@link DownlinkLog} that is also {@link DownlinkGaps} (vitest): the gaps of
 * every save are listed newest first, in pages whose cursors chain without loss or repeat, and
 * a cursor it did not hand out is refused as a validation error on `cursor`.
 *
 * @example
 * runDownlinkGapsContract("InMemoryDownlinkLog", () => ({ log: new InMemoryDownlinkLog() }));
 */
export function runDownlinkGapsContract(
  name: string,
  makeLog: DownlinkGapsFactory,
  hooks: ContractHooks = {},
): void {
  describe(`${name} (DownlinkGaps contract)`, () => {
    const subject = useContractSubject(makeLog, hooks);
    const log = () => subject().log;
    const save = async (spacecraftId: string, cursor: number, gaps: GapRecord[]) => {
      const counts = { applied: 0, late: 0, unknownCommand: 0, unknownType: 0, telemetry: 0 };
      await log().save({ spacecraftId, cursor, gaps, ...counts });
    };

    it("lists nothing before any gap", async () => {
      expect(await log().listGaps({ limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it("lists the gaps of every save and spacecraft, newest first, in pages that chain", async () => {
      const saved = [
        [gap("sc-1", 1, 2, 10), gap("sc-1", 4, 4, 11)],
        [gap("sc-2", 1, 9, 12)],
        [],
        [gap("sc-1", 6, 7, 13), gap("sc-1", 9, 9, 14), gap("sc-1", 11, 20, 15)],
      ];
      let cursor = 0;
      for (const gaps of saved) {
        cursor += 10;
        await save(gaps[0]?.spacecraftId ?? "sc-3", cursor, gaps);
      }
      const newestFirst = saved.flat().reverse();
      expect((await log().listGaps({ limit: 100 })).items).toEqual(newestFirst);

      const pages: GapRecord[][] = [];
      let next: string | undefined;
      for (;;) {
        const page = await log().listGaps({ limit: 2, ...(next === undefined ? {} : { cursor: next }) });
        pages.push([...page.items]);
        if (page.nextCursor === null) break;
        next = page.nextCursor;
      }
      expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
      expect(pages.flat()).toEqual(newestFirst);
    });

    it("refuses a cursor it did not hand out", async () => {
      await expect(async () => log().listGaps({ limit: 5, cursor: "not-a-cursor" })).rejects.toThrow(
        ValidationError,
      );
    });
  });
}
