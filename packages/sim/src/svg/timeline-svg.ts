import type { Instant } from "@uplink/core";
import type { TraceRecord, TraceSubmit, TraceWindow } from "../trace/trace-record.js";
import { axisTicks } from "./time-axis.js";

/** How to draw a timeline. */
export interface TimelineOptions {
  /** Most command lanes drawn; more commands are sampled evenly and the SVG says so (default 60). */
  readonly maxLanes?: number;
  /** Commands in the whole run, when `trace` is already a sample ({@link TimelineSampler}). */
  readonly totalCommands?: number;
  /** Drawing width in pixels (default 1200). */
  readonly width?: number;
  /** First line of the title. */
  readonly title?: string;
  /** Time range shown (default: the run, from the header to the end record). */
  readonly from?: Instant;
  readonly to?: Instant;
  /** Colours by status name, over {@link STATUS_COLOURS}. */
  readonly colours?: Readonly<Record<string, string>>;
  /** Statuses drawn as an end marker rather than a span (default executed, failed, cancelled). */
  readonly finalStatuses?: readonly string[];
}

/** The default colour of each status of the default lifecycle (and of contact windows). */
export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  ready: "#b8bec8",
  transmitted: "#f28e2b",
  acknowledged: "#4e79a7",
  executed: "#59a14f",
  failed: "#e15759",
  cancelled: "#8c6d5a",
};
const CONTACT_COLOUR = "#9fd3f5";
const SAFE_COLOUR = "#d62728";
const EXTRA_COLOURS = ["#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f"];

const LANE = 16;
const LABEL_WIDTH = 220;
const RIGHT = 90;
const FONT = "font-family='ui-monospace, Menlo, Consolas, monospace' font-size='11'";

interface Lane {
  readonly submit: TraceSubmit;
  readonly steps: { at: Instant; to: string }[];
  readonly ignored: Instant[];
}

/** A spacecraft's time in safe mode; `end` null: still in it when the run ended. */
interface SafePeriod {
  readonly spacecraftId: string;
  readonly start: Instant;
  end: Instant | null;
}

/**
 * Draws a run as an SVG timeline (a pure function of the trace): contact windows as bands
 * (a strip per spacecraft, and faintly behind every lane), one lane per command with the time
 * it spent in each status coloured, a marker at its final status, ticks for ignored reports,
 * a UTC time axis and a legend. Safe-mode periods (`mode` records) are drawn in red on their
 * spacecraft's strip. Long runs are sampled to `maxLanes` lanes, and the title says so.
 *
 * @example
 * const { trace } = await runScenario({ seed: 1, commands: 40, days: 0.5 });
 * writeFileSync("run.svg", renderTimeline(trace!, { title: "seed 1" }));
 */
export function renderTimeline(trace: Iterable<TraceRecord>, options: TimelineOptions = {}): string {
  const colours = { ...STATUS_COLOURS, ...options.colours };
  const finals = new Set(options.finalStatuses ?? ["executed", "failed", "cancelled"]);
  const windows: TraceWindow[] = [];
  const lanes = new Map<string, Lane>();
  const safePeriods: SafePeriod[] = [];
  const inSafe = new Map<string, SafePeriod>();
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const r of trace) {
    if (r.type === "header") start = Math.min(start, r.start);
    else if (r.type === "end") end = Math.max(end, r.at);
    else if (r.type === "window") windows.push(r);
    else if (r.type === "mode") {
      const open = inSafe.get(r.spacecraftId);
      if (r.mode === "SAFE" && !open) {
        const period: SafePeriod = { spacecraftId: r.spacecraftId, start: r.at, end: null };
        inSafe.set(r.spacecraftId, period);
        safePeriods.push(period);
      } else if (r.mode !== "SAFE" && open) {
        open.end = r.at;
        inSafe.delete(r.spacecraftId);
      }
    } else if (r.type === "submit") lanes.set(r.id, { submit: r, steps: [], ignored: [] });
    else if (r.type === "transition") {
      const lane = lanes.get(r.id);
      if (!lane) continue;
      if (r.ignored) lane.ignored.push(r.at);
      else lane.steps.push({ at: r.at, to: r.to });
    }
    if ("at" in r) {
      start = Math.min(start, r.at);
      end = Math.max(end, r.at);
    }
  }
  if (!Number.isFinite(start)) start = 0;
  if (!(end > start)) end = start + 1;
  const from = options.from ?? start;
  const to = options.to ?? end;

  const lastAt = (lane: Lane): Instant => {
    const last = lane.steps[lane.steps.length - 1];
    return last && finals.has(last.to) ? last.at : end;
  };
  // Zoomed in, only the commands alive in the range get a lane.
  const all = [...lanes.values()].filter((lane) => lane.submit.at <= to && lastAt(lane) >= from);
  const maxLanes = options.maxLanes ?? 60;
  const every = Math.max(1, Math.ceil(all.length / maxLanes));
  const shown = all.filter((_, i) => i % every === 0).slice(0, maxLanes);
  const total = Math.max(options.totalCommands ?? all.length, all.length);
  const visibleWindows = windows.filter((w) => w.end > from && w.start < to);
  const visibleSafe = safePeriods.filter((p) => (p.end ?? end) > from && p.start < to);
  const spacecraft = [
    ...new Set([
      ...windows.map((w) => w.spacecraftId),
      ...shown.map((l) => l.submit.spacecraftId),
      ...visibleSafe.map((p) => p.spacecraftId),
    ]),
  ].sort();

  const width = options.width ?? 1200;
  const plotWidth = width - LABEL_WIDTH - RIGHT;
  const x = (t: Instant) =>
    LABEL_WIDTH + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * plotWidth;
  const titleHeight = 46;
  const legendHeight = 26;
  const stripTop = titleHeight + legendHeight + 22;
  const lanesTop = stripTop + spacecraft.length * LANE + 10;
  const lanesBottom = lanesTop + shown.length * LANE;
  const height = lanesBottom + 34;
  const out: string[] = [];
  out.push(
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' ${FONT}>`,
    `<rect width='${width}' height='${height}' fill='#ffffff'/>`,
  );

  const stride = Math.ceil(total / Math.max(1, shown.length));
  const sampled =
    total > shown.length
      ? `showing ${shown.length} of ${total} commands (every ${stride === 1 ? "" : `${ordinal(stride)} `}command, sampled)`
      : `${total} commands`;
  out.push(
    `<text x='12' y='20' font-size='15' font-weight='bold'>${escapeXml(options.title ?? "Uplink simulation")}</text>`,
    `<text x='12' y='38' fill='#444'>${escapeXml(`${iso(from)} to ${iso(to)} UTC · ${sampled} · ${visibleWindows.length} contact windows`)}</text>`,
  );

  // Legend.
  const legend: [string, string][] = [
    ["contact window", CONTACT_COLOUR],
    ...(safePeriods.length > 0 ? [["safe mode", SAFE_COLOUR] as [string, string]] : []),
    ...Object.entries(colours),
  ];
  let lx = 12;
  for (const [name, colour] of legend) {
    out.push(
      `<rect x='${lx}' y='${titleHeight + 4}' width='14' height='10' fill='${colour}' stroke='#666' stroke-width='0.5'/>`,
      `<text x='${lx + 18}' y='${titleHeight + 13}'>${escapeXml(name)}</text>`,
    );
    lx += 26 + name.length * 6.7;
  }
  out.push(`<text x='${lx + 8}' y='${titleHeight + 13}' fill='#444'>| ignored report</text>`);

  // Axis with grid lines.
  const axisY = stripTop - 8;
  for (const tick of axisTicks(from, to, Math.max(2, Math.floor(plotWidth / 110)))) {
    const tx = x(tick.at).toFixed(1);
    out.push(
      `<line x1='${tx}' y1='${axisY + 2}' x2='${tx}' y2='${lanesBottom}' stroke='#e4e4e4'/>`,
      `<text x='${tx}' y='${axisY}' text-anchor='middle' fill='#333'>${escapeXml(tick.label)}</text>`,
    );
  }

  // Contact windows: faint bands behind the lanes, and one strip per spacecraft.
  for (const w of visibleWindows) {
    const wx = x(w.start);
    const ww = Math.max(1, x(w.end) - wx);
    out.push(
      `<rect x='${wx.toFixed(1)}' y='${lanesTop}' width='${ww.toFixed(1)}' height='${lanesBottom - lanesTop}' fill='${CONTACT_COLOUR}' opacity='0.25'/>`,
    );
    const row = spacecraft.indexOf(w.spacecraftId);
    const title = `${w.spacecraftId} contact ${iso(w.start)} to ${iso(w.end)}${w.station ? ` (${w.station})` : ""}`;
    out.push(
      `<rect x='${wx.toFixed(1)}' y='${stripTop + row * LANE + 2}' width='${ww.toFixed(1)}' height='${LANE - 4}' fill='${CONTACT_COLOUR}' stroke='#5aa9d6' stroke-width='0.5'><title>${escapeXml(title)}</title></rect>`,
    );
  }
  // Safe mode: a red bar along the lower half of the spacecraft's strip.
  for (const p of visibleSafe) {
    const px = x(p.start);
    const pw = Math.max(2, x(p.end ?? end) - px);
    const row = spacecraft.indexOf(p.spacecraftId);
    const title = `${p.spacecraftId} in safe mode ${iso(p.start)} to ${p.end === null ? "the end" : iso(p.end)}`;
    out.push(
      `<rect class='safe-mode' x='${px.toFixed(1)}' y='${stripTop + row * LANE + LANE / 2}' width='${pw.toFixed(1)}' height='${LANE / 2 - 2}' fill='${SAFE_COLOUR}' opacity='0.85'><title>${escapeXml(title)}</title></rect>`,
    );
  }
  spacecraft.forEach((id, row) => {
    out.push(
      `<text x='12' y='${stripTop + row * LANE + 12}' fill='#1f5f8b'>${escapeXml(`${id} contacts`)}</text>`,
    );
  });

  // One lane per command.
  const extra = new Map<string, string>();
  const colourOf = (status: string): string => {
    const known = colours[status];
    if (known) return known;
    if (!extra.has(status)) extra.set(status, EXTRA_COLOURS[extra.size % EXTRA_COLOURS.length] as string);
    return extra.get(status) as string;
  };
  shown.forEach((lane, i) => {
    const y = lanesTop + i * LANE;
    if (i % 2 === 1)
      out.push(`<rect x='0' y='${y}' width='${width}' height='${LANE}' fill='#000' opacity='0.03'/>`);
    const s = lane.submit;
    out.push(
      `<text x='12' y='${y + 12}'>${escapeXml(`${s.id.slice(-8)} ${s.name.slice(0, 14).padEnd(14)} ${s.spacecraftId}`)}</text>`,
    );
    const steps = lane.steps;
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k] as { at: Instant; to: string };
      const next = steps[k + 1];
      const isLast = next === undefined;
      const final = isLast && finals.has(step.to);
      const segmentEnd = next?.at ?? (final ? step.at : end);
      if (segmentEnd < from || step.at > to || (final && step.at < from)) continue;
      const sx = x(step.at);
      const sw = final ? 4 : Math.max(1, x(segmentEnd) - sx);
      const tip = `${step.to} at ${iso(step.at)}`;
      out.push(
        `<rect x='${sx.toFixed(1)}' y='${y + 3}' width='${sw.toFixed(1)}' height='${LANE - 6}' fill='${colourOf(step.to)}'><title>${escapeXml(tip)}</title></rect>`,
      );
    }
    const last = steps[steps.length - 1];
    if (last)
      out.push(
        `<text x='${width - RIGHT + 6}' y='${y + 12}' fill='${colourOf(last.to)}'>${escapeXml(last.to)}</text>`,
      );
    for (const at of lane.ignored.filter((t) => t >= from && t <= to)) {
      const ix = x(at).toFixed(1);
      out.push(
        `<line x1='${ix}' y1='${y + 1}' x2='${ix}' y2='${y + LANE - 1}' stroke='#222' stroke-width='1'/>`,
      );
    }
  });
  out.push(
    `<text x='12' y='${height - 12}' fill='#666'>${escapeXml(`lanes: command id (last 8), name, spacecraft; colour = status over time; right: status at the end`)}</text>`,
    "</svg>",
  );
  return `${out.join("\n")}\n`;
}

function iso(at: Instant): string {
  return Number.isFinite(at) ? new Date(at).toISOString().slice(0, 19).replace("T", " ") : String(at);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : n % 10 === 1 ? "st" : n % 10 === 2 ? "nd" : n % 10 === 3 ? "rd" : "th";
  return `${n}${suffix}`;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/'/g, "&#39;")
    .replace(/"/g, "&quot;");
}
