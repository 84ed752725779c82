import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HistoryLog } from "../../src/adapters/history-log.js";
import type { HistoryEntry } from "../../src/types.js";

const row = fc.record({
  command: fc.nat({ max: 5 }),
  to: fc.constantFrom("ready", "transmitted", "failed"),
  at: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.double({ min: 0, max: 1e13, noNaN: true })),
  reason: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  source: fc.constantFrom("operator", "sender", "spacecraft", "timeout"),
  actor: fc.constantFrom("ada", "sender", "spacecraft", "system"),
  ignored: fc.boolean(),
  comment: fc.boolean(),
});

describe("HistoryLog", () => {
  it("gives back what a plain list of entries gives, per command and after any event id", () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 80 }),
        fc.integer({ min: -3, max: 90 }),
        fc.nat({ max: 100 }),
        (rows, after, limit) => {
          const log = new HistoryLog();
          const plain: HistoryEntry[] = [];
          const last = new Map<string, number>();
          for (const r of rows) {
            const commandId = `c${r.command}`;
            const previous = plain.filter((e) => e.commandId === commandId);
            const entry: HistoryEntry = {
              eventId: plain.length + 1,
              commandId,
              seq: previous.length + 1,
              // An ignored event stays in its status; anything else leaves the previous row's.
              from: r.ignored ? r.to : (previous.at(-1)?.to ?? null),
              to: r.to,
              at: r.at,
              reason: r.reason,
              source: r.source,
              actor: r.actor,
              ignored: r.ignored,
              kind: !r.ignored && r.comment ? "comment" : "transition",
            };
            plain.push(entry);
            last.set(commandId, log.append(entry, last.get(commandId) ?? -1));
          }
          expect(log.length).toBe(plain.length);
          for (const [commandId, index] of last) {
            expect(log.commandHistory(index)).toEqual(plain.filter((e) => e.commandId === commandId));
          }
          expect(log.commandHistory(-1)).toEqual([]);
          expect(log.after(after, limit)).toEqual(plain.filter((e) => e.eventId > after).slice(0, limit));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a row whose event id is not the next one or whose from does not follow, keeping nothing", () => {
    const log = new HistoryLog();
    const entry: HistoryEntry = {
      eventId: 2,
      commandId: "c",
      seq: 1,
      from: null,
      to: "ready",
      at: 1,
      reason: null,
      source: "operator",
      actor: "ada",
      ignored: false,
      kind: "transition",
    };
    expect(() => log.append(entry, -1)).toThrow(/history row 2/);
    expect(() => log.append({ ...entry, eventId: 1, from: "ready" }, -1)).toThrow(/not from null/);
    expect(log.length).toBe(0);
  });
});
