import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../src/invariants/check-invariants.js";
import { describeViolation } from "../../src/invariants/invariants.js";
import type { TraceRecord, TraceTransition } from "../../src/trace/trace-record.js";
import { T0, TRACE_HEADER, transitionRecord } from "./trace-fixtures.js";

const ID = "0190c6f0-0000-7000-8000-000000000001";

function entry(
  seq: number,
  at: number,
  from: string | null,
  to: string,
  extra: Partial<TraceTransition> = {},
) {
  return transitionRecord({ id: ID, at, seq, eventId: seq, from, to, ...extra });
}

const head: TraceRecord[] = [
  TRACE_HEADER,
  { type: "window", spacecraftId: "sc-1", start: T0 + 1_000, end: T0 + 600_000, station: null },
  {
    type: "submit",
    at: T0,
    id: ID,
    spacecraftId: "sc-1",
    name: "PING",
    priority: 0,
    notBefore: null,
    notAfter: null,
  },
  entry(1, T0, null, "ready", { source: "operator" }),
];

const inhibit = (at: number, commands: string[], spacecraftId = "sc-1"): TraceRecord => ({
  type: "inhibit",
  at,
  spacecraftId,
  categories: [],
  commands,
});

/** The command transmitted at T0+10 s, then executed. */
const sent: TraceRecord[] = [
  entry(2, T0 + 10_000, "ready", "transmitted"),
  { type: "uplink", at: T0 + 10_000, id: ID, spacecraftId: "sc-1" },
  { type: "spacecraft", at: T0 + 10_000, id: ID, spacecraftId: "sc-1", event: "received", success: null },
  entry(3, T0 + 11_000, "transmitted", "acknowledged", { source: "spacecraft" }),
  { type: "spacecraft", at: T0 + 15_000, id: ID, spacecraftId: "sc-1", event: "executed", success: true },
  entry(4, T0 + 15_500, "acknowledged", "executed", { source: "spacecraft" }),
  { type: "end", at: T0 + 86_400_000 },
];

/** The command failed inhibited at T0+10 s, unsent. */
const failedInhibited = (): TraceRecord[] => [
  entry(2, T0 + 10_000, "ready", "failed", { failureReason: "inhibited" }),
  { type: "end", at: T0 + 86_400_000 },
];

function violationOf(trace: TraceRecord[]): string | null {
  const { violation } = checkInvariants(trace);
  return violation === null ? null : `${violation.invariant}: ${describeViolation(violation)}`;
}

describe("transmit-not-inhibited", () => {
  it("holds for a command sent while nothing, or another name, or another spacecraft, is inhibited", () => {
    expect(violationOf([...head, ...sent])).toBeNull();
    expect(violationOf([...head, inhibit(T0 + 5_000, ["REBOOT_OBC"]), ...sent])).toBeNull();
    expect(violationOf([...head, inhibit(T0 + 5_000, ["PING"], "sc-2"), ...sent])).toBeNull();
    expect(
      violationOf([...head, inhibit(T0 + 5_000, ["PING"]), inhibit(T0 + 6_000, []), ...sent]),
    ).toBeNull();
  });

  it("catches a command transmitted while its name is inhibited on its spacecraft", () => {
    const { violation } = checkInvariants([...head, inhibit(T0 + 5_000, ["PING"]), ...sent]);
    expect(violation?.invariant).toBe("transmit-not-inhibited");
    expect(violation?.commandId).toBe(ID);
    expect(violation?.at).toBe(T0 + 10_000);
  });

  it("holds for a command that failed inhibited while inhibited, unsent", () => {
    expect(violationOf([...head, inhibit(T0 + 5_000, ["PING"]), ...failedInhibited()])).toBeNull();
  });

  it("catches a command that failed inhibited while its name was not inhibited", () => {
    const { violation } = checkInvariants([...head, ...failedInhibited()]);
    expect(violation?.invariant).toBe("transmit-not-inhibited");
    expect(violation?.message).toMatch(/not inhibited/);
  });

  it("catches a command that failed inhibited after it was transmitted", () => {
    const trace: TraceRecord[] = [
      ...head,
      entry(2, T0 + 10_000, "ready", "transmitted"),
      { type: "uplink", at: T0 + 10_000, id: ID, spacecraftId: "sc-1" },
      inhibit(T0 + 10_500, ["PING"]),
      entry(3, T0 + 11_000, "transmitted", "failed", { failureReason: "inhibited" }),
      { type: "end", at: T0 + 86_400_000 },
    ];
    const { violation } = checkInvariants(trace);
    expect(violation?.invariant).toBe("transmit-not-inhibited");
    expect(violation?.message).toMatch(/after it was transmitted/);
  });
});
