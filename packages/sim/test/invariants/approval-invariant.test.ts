import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { describeViolation } from "../../src/invariants/invariants.js";
import type { TraceRecord, TraceTransition } from "../../src/trace/trace-record.js";
import { T0, TRACE_HEADER, transitionRecord } from "./trace-fixtures.js";

const A = "0190c6f0-0000-7000-8000-00000000000a";
const B = "0190c6f0-0000-7000-8000-00000000000b";

let eventId = 0;
const seqs = new Map<string, number>();
function tr(id: string, at: number, from: string | null, to: string, actor = "sender"): TraceTransition {
  const seq = (seqs.get(id) ?? 0) + 1;
  seqs.set(id, seq);
  return transitionRecord({
    id,
    at,
    seq,
    eventId: ++eventId,
    from,
    to,
    source: actor === "sender" ? "sender" : "operator",
    actor,
  });
}

function head(): TraceRecord[] {
  eventId = 0;
  seqs.clear();
  return [
    TRACE_HEADER,
    { type: "window", spacecraftId: "sc-1", start: T0, end: T0 + 600_000, station: null },
  ];
}

function submit(id: string, priority = 0): TraceRecord {
  return {
    type: "submit",
    at: T0,
    id,
    spacecraftId: "sc-1",
    name: "PING",
    priority,
    notBefore: null,
    notAfter: null,
  };
}

describe("transmit-only-approved", () => {
  it("holds for a command approved by a second person before it is sent, and for one never decided", () => {
    const trace = [
      ...head(),
      submit(A),
      tr(A, T0, null, "pending_approval", "ada"),
      tr(A, T0 + 5_000, "pending_approval", "ready", "grace"),
      { type: "approval", at: T0 + 5_000, id: A, decision: "approve", ok: true, status: "ready" },
      tr(A, T0 + 10_000, "ready", "transmitted"),
      { type: "uplink", at: T0 + 10_000, id: A, spacecraftId: "sc-1" },
      submit(B, 5),
      tr(B, T0, null, "pending_approval", "ada"),
      { type: "end", at: T0 + 50_000 },
    ] satisfies TraceRecord[];
    // B, pending with a higher priority, is neither overtaken by A nor lost at the end.
    const { violation } = checkInvariants(trace.slice(0, -1));
    expect(violation, violation ? describeViolation(violation) : "").toBeNull();
  });

  it("is broken by a transmission straight from pending_approval", () => {
    const trace = [
      ...head(),
      submit(A),
      tr(A, T0, null, "pending_approval", "ada"),
      tr(A, T0 + 10_000, "pending_approval", "transmitted"),
    ];
    expect(checkInvariants(trace).violation?.invariant).toBe("transmit-only-approved");
  });

  it("is broken by a hand-over to the uplink while pending approval", () => {
    const trace: TraceRecord[] = [
      ...head(),
      submit(A),
      tr(A, T0, null, "pending_approval", "ada"),
      { type: "uplink", at: T0 + 10_000, id: A, spacecraftId: "sc-1" },
    ];
    expect(checkInvariants(trace).violation?.invariant).toBe("transmit-only-approved");
  });

  it("is broken by an approval that answered success while the command stayed pending", () => {
    const trace: TraceRecord[] = [
      ...head(),
      submit(A),
      tr(A, T0, null, "pending_approval", "ada"),
      { type: "approval", at: T0 + 1_000, id: A, decision: "approve", ok: true, status: "ready" },
    ];
    expect(checkInvariants(trace).violation?.invariant).toBe("transmit-only-approved");
  });

  it("lets a pending command be cancelled", () => {
    const trace: TraceRecord[] = [
      ...head(),
      submit(A),
      tr(A, T0, null, "pending_approval", "ada"),
      tr(A, T0 + 1_000, "pending_approval", "cancelled", "ada"),
      { type: "end", at: T0 + 50_000 },
    ];
    expect(checkInvariants(trace).violation).toBeNull();
  });
});
