import fc from "fast-check";
import type { DownlinkFrame } from "../../src/types.js";
import { appliedSeqs, type DownlinkRig, report, telemetry } from "./downlink-fixture.js";

/** One frame of a stream in seq order: a report to one of the rig's commands, or telemetry. */
export type StreamItem =
  | { kind: "acceptance" | "completion"; command: number; success: boolean }
  | { kind: "telemetry"; value: number };

export interface StreamShape {
  commands: number;
  maxLength: number;
  withTelemetry: boolean;
}

export function streamArb({ commands, maxLength, withTelemetry }: StreamShape): fc.Arbitrary<StreamItem[]> {
  const reportArb: fc.Arbitrary<StreamItem> = fc.record({
    kind: fc.constantFrom("acceptance" as const, "completion" as const),
    command: fc.nat(commands - 1),
    success: fc.boolean(),
  });
  const telemetryArb: fc.Arbitrary<StreamItem> = fc.record({
    kind: fc.constant("telemetry" as const),
    value: fc.integer({ min: 0, max: 9 }),
  });
  return fc.array(withTelemetry ? fc.oneof(reportArb, telemetryArb) : reportArb, { minLength: 1, maxLength });
}

/** The stream's frames, numbered from seq 1, with its reports addressed to `ids`. */
export function framesOf(stream: readonly StreamItem[], ids: readonly string[]): DownlinkFrame[] {
  return stream.map((t, i) =>
    t.kind === "telemetry"
      ? telemetry(i + 1, { T: t.value })
      : report(i + 1, t.kind, ids[t.command] as string, t.success, t.success ? {} : { reason: "no" }),
  );
}

/** Everything a downlink run leaves behind that two runs of one stream must agree on. */
export async function outcomeOf(rig: DownlinkRig, ids: readonly string[]) {
  return {
    applied: appliedSeqs(rig.applied),
    outcomes: rig.applied.map((a) => a.outcome),
    statuses: await rig.statuses(ids),
    histories: await Promise.all(
      // Event ids differ between two rigs by construction.
      ids.map(async (id) => (await rig.service.history(id)).map(({ eventId: _, ...entry }) => entry)),
    ),
    telemetry: rig.downlink.telemetry("sc-1"),
  };
}
