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

  it("keeps thousands of rows, each with its own status, source, actor and instant", () => {
    const log = new HistoryLog();
    const plain: HistoryEntry[] = [];
    const last: number[] = [-1, -1, -1];
    const statuses = ["ready", "transmitted", "acknowledged", "executed"];
    for (let i = 0; i < 3_000; i++) {
      const command = i % 3;
      const seq = Math.floor(i / 3) + 1;
      const entry: HistoryEntry = {
        eventId: i + 1,
        commandId: `c${command}`,
        seq,
        from: seq === 1 ? null : (statuses[(seq - 2) % 4] as string),
        to: statuses[(seq - 1) % 4] as string,
        at: 1_900_000_000_000 + i * 0.5,
        reason: i % 7 === 0 ? `why ${i}` : null,
        source: i % 2 === 0 ? "sender" : "spacecraft",
        actor: `actor ${i % 5}`,
        ignored: false,
        kind: "transition",
      };
      plain.push(entry);
      last[command] = log.append(entry, last[command] as number);
    }
    expect(log.length).toBe(3_000);
    expect(log.after(0, 3_000)).toEqual(plain);
    expect(log.commandHistory(last[1] as number)).toEqual(plain.filter((e) => e.commandId === "c1"));
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
