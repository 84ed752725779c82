import { Writable } from "node:stream";
import type { HistoryEntry, Telecommand } from "@uplink/core";
import { makeTelecommand } from "@uplink/core/testing";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
import { transitionLogger } from "../../src/logging/transition-logger.js";

function capture(level: "info" | "debug" = "info", pretty = false) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ level, pretty, destination }) };
}

function entry(command: Telecommand, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    eventId: 7,
    commandId: command.id,
    seq: 2,
    from: "ready",
    to: command.status,
    at: command.updatedAt,
    reason: null,
    source: "sender",
    actor: "sender",
    ignored: false,
    kind: "transition",
    ...overrides,
  };
}

describe("transitionLogger", () => {
  it("writes one info line per transition, with the details under tc", () => {
    const { lines, logger } = capture();
    const command = makeTelecommand({ status: "transmitted", name: "SET_MODE" });
    transitionLogger(logger)({ command, entry: entry(command) });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] as string);
    expect(record.level).toBe(30);
    expect(record.msg).toBe(`SET_MODE ${command.id} ready → transmitted by sender`);
    expect(record.tc).toMatchObject({
      id: command.id,
      from: "ready",
      to: "transmitted",
      source: "sender",
      eventId: 7,
    });
  });

  it("names the failure reason", () => {
    const { lines, logger } = capture();
    const command = makeTelecommand({ status: "failed", failureReason: "timed_out" });
    transitionLogger(logger)({ command, entry: entry(command, { from: "transmitted", source: "timeout" }) });
    expect(JSON.parse(lines[0] as string).msg).toBe(
      `PING ${command.id} transmitted → failed (timed_out) by timeout`,
    );
  });

  it("logs ignored reports at debug only", () => {
    const quiet = capture("info");
    const command = makeTelecommand({ status: "executed" });
    const ignored = entry(command, {
      from: "executed",
      ignored: true,
      reason: "ACCEPTED ignored in executed",
    });
    transitionLogger(quiet.logger)({ command, entry: ignored });
    expect(quiet.lines).toEqual([]);
    const verbose = capture("debug");
    transitionLogger(verbose.logger)({ command, entry: ignored });
    expect(JSON.parse(verbose.lines[0] as string)).toMatchObject({
      level: 20,
      msg: expect.stringContaining("ignored"),
    });
  });

  it("prints one readable line on a terminal", () => {
    const { lines, logger } = capture("info", true);
    const command = makeTelecommand({ status: "ready" });
    transitionLogger(logger)({ command, entry: entry(command, { from: null, source: "operator", seq: 1 }) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`PING ${command.id} → ready by operator`);
    expect(lines[0]).not.toContain('"tc"');
  });
});
