import type { Middleware } from "koa";
import { Counter, Gauge, Histogram, type Metric, type Registry } from "prom-client";
import type { StatsWire } from "./wire/wire-schemas.js";

/**
 * The metrics `/metrics` shows: HTTP latency (observed here) and the Uplink counters (commands by
 * status, transitions, sender claims, submissions, downlink duplicates and gaps), refreshed from
 * the same stats snapshot as `/api/stats` at every scrape.
 */
export class HttpMetrics {
  private readonly latency: Histogram<"method" | "route" | "status">;
  private readonly commands: Gauge<"status">;
  private readonly counters: ReadonlyArray<readonly [Counter, (stats: StatsWire) => number]>;

  constructor(private readonly registry: Registry) {
    this.latency = metric(
      registry,
      "uplink_http_request_duration_seconds",
      () =>
        new Histogram({
          name: "uplink_http_request_duration_seconds",
          help: "HTTP request latency, from the request to the response headers",
          labelNames: ["method", "route", "status"],
          buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers: [registry],
        }),
    );
    this.commands = metric(
      registry,
      "uplink_commands",
      () =>
        new Gauge({
          name: "uplink_commands",
          help: "Telecommands by status",
          labelNames: ["status"],
          registers: [registry],
        }),
    );
    const counter = (name: string, help: string) =>
      metric(registry, name, () => new Counter({ name, help, registers: [registry] }));
    this.counters = [
      [
        counter("uplink_transitions_total", "Transitions stored or observed by this process"),
        (s) => s.transitions,
      ],
      [
        counter("uplink_sender_claims_total", "Commands claimed by this process's sender"),
        (s) => s.senderClaims,
      ],
      [
        counter("uplink_submissions_rejected_total", "Submissions refused, by every process (stored)"),
        (s) => s.rejectedSubmissions,
      ],
      [
        counter("uplink_submissions_duplicate_total", "Idempotent retries, by every process (stored)"),
        (s) => s.duplicateSubmissions,
      ],
      [counter("uplink_downlink_frames_total", "Downlink frames received"), (s) => s.downlink.received],
      [
        counter("uplink_downlink_duplicates_total", "Downlink frames dropped as duplicates"),
        (s) => s.downlinkDuplicates,
      ],
      [
        counter("uplink_downlink_conflicts_total", "Downlink frames conflicting with a stored one"),
        (s) => s.downlink.conflicts,
      ],
      [counter("uplink_downlink_gaps_total", "Missing downlink seqs skipped"), (s) => s.downlinkGaps],
    ];
  }

  /** Koa middleware observing every request's latency, labelled by route pattern (not by raw path). */
  readonly observe: Middleware = async (ctx, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      this.latency.observe(
        {
          method: ctx.method,
          route: typeof route === "string" ? route : "unmatched",
          status: String(ctx.status),
        },
        seconds,
      );
    }
  };

  /** Sets the Uplink counters from a stats snapshot (each counter shows the snapshot's running total). */
  update(stats: StatsWire): void {
    this.commands.reset();
    for (const [status, count] of Object.entries(stats.byStatus)) this.commands.set({ status }, count);
    for (const [counter, read] of this.counters) {
      counter.reset();
      counter.inc(read(stats));
    }
  }

  /** The registry in Prometheus text format. */
  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}

/** Registers a metric once per registry (a second app on the same registry reuses it). */
function metric<M extends Metric>(registry: Registry, name: string, make: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? make();
}
