import { api } from "./api-client.js";
import { h } from "./format.js";
import { statusBadge } from "./status-badge.js";

const MIN_INTERVAL_MS = 1000;
const IDLE_REFRESH_MS = 15_000;

/** The counters of `GET /api/stats` an operator reads, in order, with their labels. */
const COUNTERS = [
  ["total", "Commands"],
  ["rejectedSubmissions", "Rejected submissions"],
  ["duplicateSubmissions", "Duplicate submissions"],
  ["delivered", "Delivered (executed)"],
  ["dropped", "Dropped"],
  ["downlinkDuplicates", "Downlink duplicates"],
  ["downlinkGaps", "Downlink gaps"],
];

/** The counts from `GET /api/stats`, refreshed when events arrive (at most once a second). */
export class StatsPanel {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    this.lastLoad = 0;
    this.timer = 0;
    /** @type {Set<(stats: Record<string, any>) => void>} */
    this.listeners = new Set();
  }

  /**
   * Hears every answer of `GET /api/stats` this panel reads (other views show parts of it).
   * @param {(stats: Record<string, any>) => void} listener
   */
  subscribe(listener) {
    this.listeners.add(listener);
  }

  start() {
    this.refresh();
    window.setInterval(() => {
      if (Date.now() - this.lastLoad >= IDLE_REFRESH_MS) this.refresh();
    }, IDLE_REFRESH_MS);
  }

  /** Asks for a refresh soon; a burst of calls costs one request. */
  poke() {
    if (this.timer) return;
    const wait = Math.max(0, this.lastLoad + MIN_INTERVAL_MS - Date.now());
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      this.refresh();
    }, wait);
  }

  async refresh() {
    this.lastLoad = Date.now();
    try {
      const stats = await api.stats();
      this.render(stats);
      for (const listener of this.listeners) listener(stats);
    } catch (error) {
      this.container.replaceChildren(
        h("p", { class: "muted", text: `Counts unavailable: ${error.message}` }),
      );
    }
  }

  /** @param {Record<string, any>} stats */
  render(stats) {
    const statusList = h("ul", { class: "status-counts", "aria-label": "Commands by status" });
    for (const [status, count] of Object.entries(stats.byStatus ?? {})) {
      statusList.append(
        h(
          "li",
          { "data-status": status },
          statusBadge(status),
          h("span", { class: "num", text: String(count) }),
        ),
      );
    }
    const counters = h("dl", { class: "counters" });
    for (const [key, label] of COUNTERS) {
      if (typeof stats[key] !== "number") continue;
      counters.append(
        h("dt", { text: label }),
        h("dd", { class: "num", "data-counter": key, text: String(stats[key]) }),
      );
    }
    this.container.replaceChildren(statusList, counters);
  }
}
