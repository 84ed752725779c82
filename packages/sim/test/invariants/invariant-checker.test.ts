import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { describeViolation, type InvariantName } from "../../src/invariants/invariants.js";
import type { TraceRecord, TraceTransition } from "../../src/trace/trace-record.js";
import { T0, TRACE_HEADER, transitionRecord } from "./trace-fixtures.js";

const ID = "0190c6f0-0000-7000-8000-000000000001";

/** A small, valid trace: one command transmitted in a window, acknowledged and executed. */
function story(overrides: { notBefore?: number | null; notAfter?: number | null } = {}): TraceRecord[] {
  let eventId = 0;
  let seq = 0;
  const tr = (
    at: number,
    from: string | null,
    to: string,
    extra: Partial<TraceTransition> = {},
  ): TraceTransition => transitionRecord({ id: ID, at, seq: ++seq, eventId: ++eventId, from, to, ...extra });
  return [
    TRACE_HEADER,
    { type: "window", spacecraftId: "sc-1", start: T0 + 1_000, end: T0 + 600_000, station: null },
    { type: "window", spacecraftId: "sc-1", start: T0 + 5_400_000, end: T0 + 6_000_000, station: null },
    {
      type: "submit",
      at: T0,
      id: ID,
      spacecraftId: "sc-1",
      name: "PING",
      priority: 0,
      notBefore: overrides.notBefore ?? null,
      notAfter: overrides.notAfter ?? null,
    },
    tr(T0, null, "ready", { source: "operator" }),
    tr(T0 + 10_000, "ready", "transmitted"),
    { type: "uplink", at: T0 + 10_000, id: ID, spacecraftId: "sc-1" },
    { type: "spacecraft", at: T0 + 10_000, id: ID, spacecraftId: "sc-1", event: "received", success: null },
    tr(T0 + 11_000, "transmitted", "acknowledged", { source: "spacecraft" }),
    { type: "spacecraft", at: T0 + 15_000, id: ID, spacecraftId: "sc-1", event: "executed", success: true },
    tr(T0 + 15_500, "acknowledged", "executed", { source: "spacecraft" }),
    tr(T0 + 16_000, "executed", "executed", {
      source: "spacecraft",
      ignored: true,
      reason: "COMPLETED ignored",
    }),
    { type: "end", at: T0 + 86_400_000 },
  ];
}

function transitionTo(trace: TraceRecord[], to: string): TraceTransition {
  return trace.find((r) => r.type === "transition" && r.to === to && !r.ignored) as TraceTransition;
}

function expectBroken(trace: TraceRecord[], invariant: InvariantName, at?: number): void {
  const { violation } = checkInvariants(trace);
  expect(violation?.invariant, violation ? describeViolation(violation) : "no violation").toBe(invariant);
  if (at !== undefined) expect(violation?.at).toBe(at);
}

const replace = (trace: TraceRecord[], old: TraceRecord, next: TraceRecord) =>
  trace.map((r) => (r === old ? next : r));

const ID_B = "0190c6f0-0000-7000-8000-00000000000b";

function entry(
  id: string,
  seq: number,
  eventId: number,
  at: number,
  from: string | null,
  to: string,
  extra: Partial<TraceTransition> = {},
): TraceTransition {
  return transitionRecord({ id, at, seq, eventId, from, to, ...extra });
}

/** A second command's submission and first entry. */
function submitted(
  id: string,
  at: number,
  options: { priority?: number; notBefore?: number; notAfter?: number } = {},
): TraceRecord[] {
  return [
    {
      type: "submit",
      at,
      id,
      spacecraftId: "sc-1",
      name: "PING",
      priority: options.priority ?? 0,
      notBefore: options.notBefore ?? null,
      notAfter: options.notAfter ?? null,
    },
    entry(id, 1, 40, at, null, "ready", { source: "operator" }),
  ];
}

const insertAfter = (trace: TraceRecord[], after: TraceRecord, record: TraceRecord): TraceRecord[] => {
  const i = trace.indexOf(after);
  return [...trace.slice(0, i + 1), record, ...trace.slice(i + 1)];
};

/** Gives transitions increasing event ids in trace order. */
function renumber(trace: TraceRecord[]): TraceRecord[] {
  let eventId = 0;
  return trace.map((r) => (r.type === "transition" ? { ...r, eventId: ++eventId } : r));
}

describe("checkInvariants", () => {
  it("accepts a valid story", () => {
    const report = checkInvariants(story());
    expect(report).toEqual({ ok: true, violation: null, records: story().length, commands: 1 });
  });

  it("catches a transmission and an uplink outside every window", () => {
    const t = story();
    const transmit = transitionTo(t, "transmitted");
    expectBroken(
      replace(t, transmit, { ...transmit, at: T0 + 700_000 }),
      "transmit-in-contact",
      T0 + 700_000,
    );
    const uplink = t.find((r) => r.type === "uplink") as TraceRecord;
    // Long timeouts, so that the command is not overdue when the late uplink is read.
    const upToUplink = t
      .slice(0, t.indexOf(uplink) + 1)
      .map((r) => (r.type === "header" ? { ...r, acceptanceTimeoutMs: 3_600_000 } : r));
    expectBroken(
      replace(upToUplink, uplink, { ...uplink, at: T0 + 600_000 } as TraceRecord),
      "uplink-in-contact",
    );
  });

  it("catches transmissions before notBefore and after notAfter, and early expiry", () => {
    expectBroken(story({ notBefore: T0 + 20_000 }), "transmit-not-before", T0 + 10_000);
    expectBroken(story({ notAfter: T0 + 9_999 }), "transmit-not-after");
    expect(checkInvariants(story({ notBefore: T0 + 10_000, notAfter: T0 + 10_000 })).ok).toBe(true);
    const t = story({ notAfter: T0 + 5_000 });
    const i = t.findIndex((r) => r.type === "transition" && r.to === "transmitted");
    const expire = {
      ...(t[i] as TraceTransition),
      to: "failed",
      failureReason: "expired" as const,
      at: T0 + 5_000,
    };
    expectBroken([...t.slice(0, i), expire, { type: "end", at: T0 + 10_000 }], "expire-after-not-after");
    expect(checkInvariants([...t.slice(0, i), { ...expire, at: T0 + 5_001 }]).ok).toBe(true);
  });

  it("catches a transition applied after a final state, and a regression", () => {
    const t = story();
    const late = t.find((r) => r.type === "transition" && r.ignored) as TraceTransition;
    expectBroken(
      replace(t, late, { ...late, ignored: false, from: "executed", to: "failed" }),
      "final-absorbs",
    );
    const ack = transitionTo(t, "acknowledged");
    const i = t.indexOf(ack);
    const back = { ...ack, seq: ack.seq + 1, eventId: 99, from: "acknowledged", to: "transmitted" };
    expectBroken([...t.slice(0, i + 1), back], "no-regression");
  });

  it("catches history that skips, rewinds, or changes state in an ignored entry", () => {
    const t = story();
    const ack = transitionTo(t, "acknowledged");
    expectBroken(replace(t, ack, { ...ack, seq: ack.seq + 1 }), "history-append-only");
    expectBroken(replace(t, ack, { ...ack, at: T0 + 9_000 }), "history-append-only");
    expectBroken(replace(t, ack, { ...ack, from: "ready" }), "history-append-only");
    expectBroken(replace(t, ack, { ...ack, eventId: 1 }), "history-append-only");
    expectBroken(replace(t, ack, { ...ack, ignored: true }), "history-append-only");
  });

  it("catches a cancel from a state other than ready, and a refused cancel of a ready command", () => {
    const t = story();
    const ack = transitionTo(t, "acknowledged");
    expectBroken(replace(t, ack, { ...ack, to: "cancelled" }), "cancel-only-from-ready");
    const submitIndex = t.findIndex((r) => r.type === "transition");
    const refused: TraceRecord = { type: "cancel", at: T0 + 1, id: ID, ok: false, status: "ready" };
    expectBroken(
      [...t.slice(0, submitIndex + 1), refused, ...t.slice(submitIndex + 1)],
      "cancel-only-from-ready",
    );
    const accepted: TraceRecord = { type: "cancel", at: T0 + 1, id: ID, ok: true, status: "cancelled" };
    expectBroken(
      [...t.slice(0, submitIndex + 1), accepted, ...t.slice(submitIndex + 1)],
      "cancel-only-from-ready",
    );
  });

  it("catches a transmitted command that never ends, at its deadline", () => {
    const t = story().filter(
      (r) => !(r.type === "transition" && (r.to === "executed" || r.to === "acknowledged")),
    );
    expectBroken(t, "bounded-time-to-final", T0 + 10_000 + 60_000 + 300_000 + 1_000);
    // A run that ends before the deadline is not at fault.
    expect(checkInvariants(t.map((r) => (r.type === "end" ? { ...r, at: T0 + 300_000 } : r))).ok).toBe(true);
  });

  it("catches an uplink before the transmission, or twice", () => {
    const t = story();
    const uplink = t.find((r) => r.type === "uplink") as TraceRecord;
    const transmitIndex = t.indexOf(transitionTo(t, "transmitted"));
    const early = t.filter((r) => r !== uplink);
    early.splice(transmitIndex, 0, { ...uplink, at: T0 + 10_000 } as TraceRecord);
    expectBroken(early, "uplink-after-transmit");
    const twice = [...t];
    twice.splice(t.indexOf(uplink) + 1, 0, uplink);
    expectBroken(twice, "uplink-after-transmit");
  });

  it("catches a second execution on board, and outcomes the spacecraft did not report", () => {
    const t = story();
    const executed = t.find((r) => r.type === "spacecraft" && r.event === "executed") as TraceRecord;
    const twice = [...t];
    twice.splice(t.indexOf(executed) + 1, 0, executed);
    expectBroken(twice, "execute-at-most-once");
    expectBroken(
      t.filter((r) => r !== executed),
      "outcome-matches-spacecraft",
    );
    expectBroken(
      replace(t, executed, { ...executed, success: false } as TraceRecord),
      "outcome-matches-spacecraft",
    );
    const done = transitionTo(t, "executed");
    expectBroken(
      replace(t, done, { ...done, to: "failed", failureReason: "rejected" }).filter(
        (r) => !(r.type === "transition" && r.ignored),
      ),
      "outcome-matches-spacecraft",
    );
  });

  it("catches a command left ready after its notAfter passed, in contact or not", () => {
    // B waits for a window that opens at T0 + 1 000; its notAfter passes before.
    const b = submitted(ID_B, T0, { notAfter: T0 + 500 });
    const t = story();
    const trace = [...t.slice(0, 4), ...b, ...t.slice(4)];
    expectBroken(renumber(trace), "expire-when-not-after-passes", T0 + 500 + 1_000);
    const expired = entry(ID_B, 2, 50, T0 + 501, "ready", "failed", { failureReason: "expired" });
    expect(checkInvariants(renumber(insertAfter(trace, t[4] as TraceRecord, expired))).violation).toBeNull();
  });

  it("catches a transmission that overtakes a command before it in dispatch order", () => {
    const t = story();
    // B has a higher priority than the story's command, came before it, and still waits when it is transmitted.
    const b = submitted(ID_B, T0 - 1_000, { priority: 1 });
    expectBroken(
      renumber([...t.slice(0, 3), ...b, ...t.slice(3)]),
      "transmit-in-dispatch-order",
      T0 + 10_000,
    );
    // Sendable from the same instant as the story's command: it may have come second in that instant.
    const same = submitted(ID_B, T0, { priority: 1 });
    expect(checkInvariants(renumber([...t.slice(0, 4), ...same, ...t.slice(4)])).violation?.invariant).toBe(
      "none-lost",
    );
    // Sendable only after the story's command was: no overtaking.
    const later = submitted(ID_B, T0, { priority: 1, notBefore: T0 + 5_000 });
    const sentLater = [
      ...later,
      entry(ID_B, 2, 51, T0 + 20_000, "ready", "transmitted"),
      { type: "uplink", at: T0 + 20_000, id: ID_B, spacecraftId: "sc-1" } as TraceRecord,
      entry(ID_B, 3, 52, T0 + 21_000, "transmitted", "failed", { failureReason: "rejected" }),
      {
        type: "spacecraft",
        at: T0 + 20_500,
        id: ID_B,
        spacecraftId: "sc-1",
        event: "rejected",
        success: null,
      } as TraceRecord,
    ];
    const ordered = [...t.slice(0, 4), ...sentLater.slice(0, 2), ...t.slice(4, -1), ...sentLater.slice(2)];
    ordered.sort((x, y) => ("at" in x ? x.at : 0) - ("at" in y ? y.at : 0));
    expect(checkInvariants(renumber(ordered)).violation).toBeNull();
  });

  it("catches a command still queued at the end that a window, after every restart, could have sent", () => {
    const t = story();
    const waiting = submitted(ID_B, T0);
    const trace = renumber([...t.slice(0, 4), ...waiting, ...t.slice(4)]);
    expectBroken(trace, "none-lost", T0 + 86_400_000);
    // Restarted 50 s before the first window closes, and the run ends before the second has
    // been open for a transmit delay and a lease: nothing could have sent it.
    const restart: TraceRecord = { type: "restart", at: T0 + 550_000 };
    const short = [...trace.slice(0, -1), restart, { type: "end", at: T0 + 5_480_000 } as TraceRecord];
    expect(checkInvariants(short).ok).toBe(true);
    expectBroken([...trace.slice(0, -1), restart, { type: "end", at: T0 + 5_500_000 }], "none-lost");
  });

  it("names the command and the time in one readable line", () => {
    const { violation } = checkInvariants(story({ notBefore: T0 + 20_000 }));
    expect(describeViolation(violation as NonNullable<typeof violation>)).toBe(
      `transmit-not-before broken by command ${ID} at 2030-01-01T00:00:10.000Z: transmitted before notBefore 2030-01-01T00:00:20.000Z`,
    );
  });
});
