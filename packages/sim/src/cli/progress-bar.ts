import type { ScenarioProgress } from "../scenario/scenario-config.js";

/** Where the bar is drawn: a terminal stream (`process.stderr`). */
export interface ProgressOutput {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

const DAY = 86_400_000;

/**
 * A one-line progress bar for long runs, redrawn in place at most ten times a second. It
 * draws only on a terminal: piped or in CI it stays silent, so logs hold just the summary.
 *
 * @example
 * const bar = new ProgressBar(process.stderr, () => performance.now());
 * await runScenario({ ...config, onProgress: (p) => bar.update(p) });
 * bar.done();
 */
export class ProgressBar {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(
    private readonly out: ProgressOutput,
    private readonly wallClock: () => number,
    private readonly enabled = out.isTTY === true,
  ) {}

  update(p: ScenarioProgress): void {
    if (!this.enabled) return;
    const now = this.wallClock();
    if (now - this.lastDraw < 100 && p.now < p.end) return;
    this.lastDraw = now;
    this.out.write(`\r${this.line(p)}`);
    this.drawn = true;
  }

  /** Ends the line, so that what follows starts clean. */
  done(): void {
    if (this.drawn) this.out.write("\n");
    this.drawn = false;
  }

  /** The text of the bar (without the carriage return). */
  line(p: ScenarioProgress): string {
    const share = Math.min(1, Math.max(0, (p.now - p.start) / Math.max(1, p.end - p.start)));
    const width = Math.max(10, Math.min(40, (this.out.columns ?? 80) - 60));
    const full = Math.round(share * width);
    const day = ((p.now - p.start) / DAY).toFixed(1);
    const total = ((p.end - p.start) / DAY).toFixed(1);
    return `[${"#".repeat(full)}${".".repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}%  day ${day}/${total}  ${p.submitted.toLocaleString("en-US")}/${p.commands.toLocaleString("en-US")} submitted `;
  }
}
