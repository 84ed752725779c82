import { describeViolation } from "../invariants/invariants.js";
import type { ScenarioSummary } from "../scenario/scenario-summary.js";

const n = (v: number) => v.toLocaleString("en-US");

/** Aligns rows of cells into columns (numbers right-aligned). */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          /^-?[\d,.]+( ?[a-z%/]+)?$/.test(cell) && i > 0
            ? cell.padStart(widths[i] as number)
            : cell.padEnd(widths[i] as number),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The summary the CLI prints at the end of a run: what was run, commands by status (failures
 * by reason), what the sender, the link, the downlink and the spacecraft did, the trace hash
 * and speed, and the verdict on the invariants.
 */
export function formatSummary(s: ScenarioSummary): string {
  const days = (s.end - s.start) / 86_400_000;
  const lines: string[] = [];
  lines.push(
    `uplink-sim: seed ${s.seed}, ${n(s.commands)} commands, spacecraft ${s.spacecraft.join(", ")}, contacts ${s.contacts}`,
    `virtual time ${new Date(s.start).toISOString()} to ${new Date(s.end).toISOString()} (${days.toFixed(2)} days, ${n(s.windows)} contact windows)`,
    `ground: ${s.senders} sender${s.senders === 1 ? "" : "s"}, ${s.crashes.length === 0 ? "no restart" : `restarted ${s.crashes.length} time${s.crashes.length === 1 ? "" : "s"}`}`,
  );
  if (s.inhibitChanges > 0) {
    lines.push(
      `inhibits: ${n(s.inhibitChanges)} changes, ${n(s.inhibitedAtSubmission)} submissions refused, ${n(s.sender.inhibited)} queued commands failed inhibited`,
    );
  }
  if (s.queueChanges > 0) {
    lines.push(
      `queues: ${n(s.queueChanges)} changes of state, ${n(s.queueClosedAtSubmission)} submissions refused by a closed queue`,
    );
  }
  if (s.recovers > 0) {
    lines.push(`safe mode: the operators sent ${n(s.recovers)} RECOVER commands on SAFE housekeeping`);
  }
  lines.push("");
  const reasons = Object.entries(s.failureReasons)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, count]) => `${reason} ${n(count)}`)
    .join(", ");
  const statusRows = Object.entries(s.statuses)
    .sort(([, a], [, b]) => b - a)
    .map(([status, count]) => [
      status,
      n(count),
      `${((100 * count) / Math.max(1, s.submitted)).toFixed(1)}%`,
      status === "failed" ? reasons : "",
    ]);
  lines.push(table([["status", "commands", "share", ""], ...statusRows]), "");
  lines.push(
    table([
      [
        "sender",
        `${n(s.sender.transmitted)} transmitted`,
        `${n(s.sender.expired + s.sender.expiredInQueue)} expired`,
        `${n(s.sender.timeouts)} timed out`,
        `${n(s.sender.linkErrors)} link errors`,
      ],
      [
        "link",
        `${n(s.link.sent)} frames sent`,
        `${n(s.link.lost)} lost`,
        `${n(s.link.duplicated)} duplicated`,
        `${n(s.link.conflicting)} conflicting`,
      ],
      [
        "downlink",
        `${n(s.downlink.accepted)} frames applied`,
        `${n(s.downlink.duplicates)} duplicates`,
        `${n(s.downlink.conflicts)} conflicts`,
        `${n(s.downlink.gaps)} gap seqs skipped`,
      ],
      [
        "spacecraft",
        `${n(s.spacecraftStats.received)} received`,
        `${n(s.spacecraftStats.executed)} executed`,
        `${n(s.spacecraftStats.failed)} failed`,
        `${n(s.spacecraftStats.rejected)} rejected`,
      ],
      ["operators", `${n(s.cancels.requested)} cancels`, `${n(s.cancels.succeeded)} succeeded`, "", ""],
      [
        "holds",
        `${n(s.holds.held)} held`,
        `${n(s.holds.released)} released`,
        `${n(s.holds.tooLate)} too late`,
        "",
      ],
      [
        "approvals",
        `${n(s.approvals.approved)} approved`,
        `${n(s.approvals.rejected)} rejected`,
        `${n(s.approvals.tooLate)} too late`,
        "",
      ],
    ]),
    "",
    `trace ${n(s.traceRecords)} records, hash ${s.traceHash}; ${n(s.events)} events in ${(s.wallMs / 1000).toFixed(1)} s (${n(Math.round(s.commandsPerSecond))} commands/s)`,
    s.invariants.violation
      ? `INVARIANT BROKEN: ${describeViolation(s.invariants.violation)}`
      : `invariants: all ${s.invariants.checked.length} hold (${s.invariants.checked.join(", ")})`,
  );
  return `${lines.join("\n")}\n`;
}
