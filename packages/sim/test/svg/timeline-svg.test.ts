import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { axisTicks } from "../../src/svg/time-axis.js";
import { TimelineSampler } from "../../src/svg/timeline-sampler.js";
import { renderTimeline, STATUS_COLOURS } from "../../src/svg/timeline-svg.js";
import type { TraceRecord } from "../../src/trace/trace-record.js";

/** Every tag opened is closed, in order (a cheap well-formedness check without an XML parser). */
function expectBalanced(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m as unknown as [string, string, string, string];
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
}

const laneLabels = (svg: string) =>
  [...svg.matchAll(/<text x='12' y='\d+'>([0-9a-f]{8}) /g)].map((m) => m[1]);

describe("renderTimeline", () => {
  it("draws windows, one lane per command with its stages, an axis and a legend", async () => {
    const { trace, summary } = await runScenario({
      seed: 2,
      commands: 25,
      durationMs: 3 * 3_600_000,
      spacecraft: ["sc-1", "sc-2"],
    });
    const svg = renderTimeline(trace ?? [], { title: "seed 2 <test>" });
    expectBalanced(svg);
    expect(svg.startsWith("<svg xmlns='http://www.w3.org/2000/svg'")).toBe(true);
    expect(svg).toContain("seed 2 &lt;test&gt;");
    expect(laneLabels(svg)).toHaveLength(25);
    for (const [status, colour] of Object.entries(STATUS_COLOURS)) {
      expect(svg).toContain(`>${status}</text>`);
      if ((summary.statuses[status] ?? 0) > 0) expect(svg).toContain(`fill='${colour}'><title>${status} at`);
    }
    expect(svg).toContain("sc-1 contacts");
    expect(svg).toContain("sc-2 contacts");
    expect(svg.match(/<title>sc-1 contact /g)?.length).toBeGreaterThan(1);
    expect(svg).toContain("25 commands");
    expect(renderTimeline(trace ?? [], { title: "seed 2 <test>" })).toBe(svg);
  });

  it("samples big runs down to maxLanes and says so", async () => {
    const { trace } = await runScenario({ seed: 3, commands: 300, durationMs: 6 * 3_600_000 });
    const svg = renderTimeline(trace ?? [], { maxLanes: 20 });
    expect(laneLabels(svg)).toHaveLength(20);
    expect(svg).toContain("showing 20 of 300 commands (every 15th command, sampled)");
  });

  it("draws from a TimelineSampler what it would draw from the whole trace", async () => {
    const sampler = new TimelineSampler(300, 20);
    const { trace } = await runScenario({
      seed: 3,
      commands: 300,
      durationMs: 6 * 3_600_000,
      traceSink: sampler,
    });
    expect(sampler.commands).toBe(300);
    expect(sampler.records.length).toBeLessThan((trace ?? []).length / 5);
    const fromSample = renderTimeline(sampler.records, { maxLanes: 20, totalCommands: sampler.commands });
    expect(fromSample).toBe(renderTimeline(trace ?? [], { maxLanes: 20 }));
  });

  it("zooms into a range, keeping only the commands alive in it", () => {
    const t0 = Date.UTC(2030, 0, 1);
    const id = (n: number) => `00000000-0000-7000-8000-00000000000${n}`;
    const trace: TraceRecord[] = [
      {
        type: "header",
        seed: 1,
        start: t0,
        lifecycle: "default",
        acceptanceTimeoutMs: 1,
        executionTimeoutMs: 1,
        transmitDelayMaxMs: 1,
        leaseMs: 30_001,
      },
      {
        type: "submit",
        at: t0,
        id: id(1),
        spacecraftId: "sc-1",
        name: "EARLY",
        priority: 0,
        notBefore: null,
        notAfter: null,
      },
      ...(["ready", "cancelled"] as const).map((to, i) => ({
        type: "transition" as const,
        at: t0 + i * 1000,
        id: id(1),
        seq: i + 1,
        eventId: i + 1,
        from: i === 0 ? null : "ready",
        to,
        reason: null,
        source: "operator" as const,
        actor: "operator",
        ignored: false,
        failureReason: null,
      })),
      {
        type: "submit",
        at: t0 + 60_000,
        id: id(2),
        spacecraftId: "sc-1",
        name: "LATE",
        priority: 0,
        notBefore: null,
        notAfter: null,
      },
      { type: "end", at: t0 + 120_000 },
    ];
    const svg = renderTimeline(trace, { from: t0 + 30_000, to: t0 + 90_000 });
    expect(svg).toContain("LATE");
    expect(svg).not.toContain("EARLY");
  });
});

describe("axisTicks", () => {
  it("picks round UTC steps and labels days", () => {
    const t0 = Date.UTC(2030, 0, 1, 23, 10);
    const ticks = axisTicks(t0, t0 + 2 * 3_600_000, 10);
    expect(ticks.map((t) => t.label)).toEqual([
      "23:15",
      "23:30",
      "23:45",
      "2030-01-02 00:00",
      "00:15",
      "00:30",
      "00:45",
      "01:00",
    ]);
    expect(axisTicks(t0, t0 + 30 * 86_400_000, 8).every((t) => /^\d{4}-\d\d-\d\d$/.test(t.label))).toBe(true);
    expect(axisTicks(t0 + 1, t0 + 20_000, 5).map((t) => t.label)).toEqual([
      "23:10:05",
      "23:10:10",
      "23:10:15",
      "23:10:20",
    ]);
  });

  it("draws safe-mode periods on their spacecraft's strip, one still open running to the end", () => {
    const H = 3_600_000;
    const trace: TraceRecord[] = [
      {
        type: "header",
        seed: 1,
        start: 0,
        lifecycle: "default",
        acceptanceTimeoutMs: 1,
        executionTimeoutMs: 1,
        transmitDelayMaxMs: 0,
        leaseMs: 1,
      },
      { type: "window", spacecraftId: "sc-1", start: H, end: 2 * H, station: null },
      { type: "mode", at: H, spacecraftId: "sc-1", mode: "SAFE", id: null },
      { type: "mode", at: 3 * H, spacecraftId: "sc-1", mode: "NOMINAL", id: "r1" },
      { type: "mode", at: 5 * H, spacecraftId: "sc-2", mode: "SAFE", id: null },
      { type: "end", at: 8 * H },
    ];
    const svg = renderTimeline(trace, { width: 1000 });
    expectBalanced(svg);
    expect(svg).toContain("safe mode");
    const bars = [
      ...svg.matchAll(
        /<rect class='safe-mode' x='([\d.]+)' y='([\d.]+)' width='([\d.]+)'[^>]*><title>([^<]+)<\/title>/g,
      ),
    ];
    expect(bars.map((b) => b[4])).toEqual([
      "sc-1 in safe mode 1970-01-01 01:00:00 to 1970-01-01 03:00:00",
      "sc-2 in safe mode 1970-01-01 05:00:00 to the end",
    ]);
    // The open one reaches the right edge of the plot; the two sit on different strips.
    const [first, second] = bars.map((b) => ({ x: Number(b[1]), y: Number(b[2]), w: Number(b[3]) }));
    expect(second?.y).not.toBe(first?.y);
    expect((second?.x ?? 0) + (second?.w ?? 0)).toBeCloseTo(1000 - 90, 0);
    // Without mode records, no legend entry.
    expect(renderTimeline(trace.filter((r) => r.type !== "mode"))).not.toContain("safe mode");
  });
});
