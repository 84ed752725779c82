import { api } from "./api-client.js";
import { h, timeElement } from "./format.js";
import { sparkline } from "./sparkline.js";
import { formatValue } from "./telemetry-format.js";

/** How far back the plots reach, and the most points one keeps. */
export const PLOT_WINDOW_MS = 30 * 60_000;
const MAX_POINTS = 500;

/**
 * A spacecraft's parameters: each one's latest value, time and `seq`, and a sparkline of its
 * recent values (read from the telemetry history, then extended by live telemetry events).
 */
export class ParameterPanel {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container
   * @param {import("./dictionary-cache.js").DictionaryCache} options.dictionaries
   */
  constructor({ container, dictionaries }) {
    this.container = container;
    this.dictionaries = dictionaries;
    /** @type {string | null} */
    this.id = null;
    /** @type {Record<string, any> | null} */
    this.spacecraft = null;
    /** @type {Map<string, {seq: number, t: number, v: number}[]>} numeric series by parameter */
    this.series = new Map();
    /** @type {Map<string, HTMLTableRowElement>} */
    this.rows = new Map();
    /** @type {HTMLTableElement | null} */
    this.table = null;
    this.body = h("tbody");
  }

  /**
   * Shows a spacecraft (again): reads each parameter's recent history.
   * @param {Record<string, any>} spacecraft
   */
  async open(spacecraft) {
    this.id = spacecraft.id;
    this.spacecraft = spacecraft;
    this.series.clear();
    this.rows.clear();
    this.body = h("tbody");
    this.table = h(
      "table",
      { class: "parameters" },
      h("caption", { class: "visually-hidden", text: "Parameters: latest values and recent history" }),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["Parameter", "Value", "Time", "Seq", "Recent values"].map((text) =>
            h("th", { scope: "col", text }),
          ),
        ),
      ),
      this.body,
    );
    this.render();
    const id = spacecraft.id;
    const from = new Date(Date.now() - PLOT_WINDOW_MS).toISOString();
    const names = Object.keys(spacecraft.telemetry ?? {});
    if (spacecraft.mission) await this.dictionaries.get(spacecraft.mission).catch(() => null);
    await Promise.all(
      names.map(async (name) => {
        try {
          const history = await api.telemetryHistory(id, { name, from, limit: MAX_POINTS });
          if (this.id !== id) return;
          for (const item of history.items ?? []) this.add(name, item);
        } catch {
          // The plot starts from the live values instead.
        }
      }),
    );
    if (this.id === id) this.render();
  }

  close() {
    this.id = null;
    this.spacecraft = null;
  }

  /**
   * The spacecraft changed (new latest values, new telemetry event).
   * @param {Record<string, any>} spacecraft
   * @param {Record<string, any> | null} parameters the telemetry event's parameters, if any
   */
  update(spacecraft, parameters) {
    if (spacecraft.id !== this.id) return;
    this.spacecraft = spacecraft;
    for (const [name, sample] of Object.entries(parameters ?? spacecraft.telemetry ?? {}))
      this.add(name, sample);
    this.render();
  }

  /**
   * Adds a value to a parameter's plot, in time order, once per `seq`.
   * @param {string} name
   * @param {{value: unknown, time: string, seq: number}} sample
   */
  add(name, sample) {
    if (typeof sample?.value !== "number") return;
    const points = this.series.get(name) ?? [];
    if (points.some((p) => p.seq === sample.seq)) return;
    points.push({ seq: sample.seq, t: Date.parse(sample.time), v: sample.value });
    points.sort((a, b) => a.t - b.t || a.seq - b.seq);
    if (points.length > MAX_POINTS) points.splice(0, points.length - MAX_POINTS);
    this.series.set(name, points);
  }

  render() {
    const spacecraft = this.spacecraft;
    if (!spacecraft) return;
    const telemetry = spacecraft.telemetry ?? {};
    const names = Object.keys(telemetry).sort();
    if (names.length === 0) {
      this.container.replaceChildren(h("p", { class: "muted", text: "No telemetry received yet." }));
      return;
    }
    if (this.table && !this.container.contains(this.table)) this.container.replaceChildren(this.table);
    const dictionary = this.dictionaries.peek(spacecraft.mission);
    for (const name of names) {
      let row = this.rows.get(name);
      if (!row) {
        row = h(
          "tr",
          { "data-parameter": name },
          h("th", { scope: "row", text: name }),
          h("td", { class: "num" }),
          h("td"),
          h("td", { class: "num" }),
          h("td"),
        );
        this.rows.set(name, row);
      }
      this.body.append(row);
      const sample = telemetry[name];
      const entry = dictionary?.telemetry?.find((t) => t.name === name);
      const [, value, time, seq, plot] = row.cells;
      value.textContent = formatValue(sample.value, entry?.unit ?? null);
      const outside =
        typeof sample.value === "number" &&
        ((typeof entry?.min === "number" && sample.value < entry.min) ||
          (typeof entry?.max === "number" && sample.value > entry.max));
      value.classList.toggle("out-of-limits", outside);
      time.replaceChildren(timeElement(sample.time));
      seq.textContent = String(sample.seq);
      const points = this.series.get(name) ?? [];
      plot.replaceChildren(
        typeof sample.value === "number"
          ? sparkline(points, `${name} over the last 30 minutes`, { min: entry?.min, max: entry?.max })
          : h("span", { class: "muted", text: "not numeric" }),
      );
    }
  }
}
