import { api } from "./api-client.js";
import { formatCountdown, h, timeElement } from "./format.js";

/** How many windows the spacecraft view lists. */
const PASS_COUNT = 8;

/**
 * A spacecraft's next contact windows (`GET /api/contacts?spacecraftId=`): start, end, length,
 * station, and how long until each opens. Read again once the first window has ended.
 */
export class PassesList {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container
   * @param {import("./contact-schedule.js").ContactSchedule} options.schedule its clock
   */
  constructor({ container, schedule }) {
    this.container = container;
    this.schedule = schedule;
    /** @type {string | null} */
    this.id = null;
    /** @type {{start: string | null, end: string | null, station: string | null}[]} */
    this.windows = [];
    this.loading = false;
    schedule.subscribe(() => this.tick());
  }

  /** @param {string} id */
  async open(id) {
    this.id = id;
    this.windows = [];
    this.container.replaceChildren(h("p", { class: "muted", text: "Loading…" }));
    await this.load();
  }

  close() {
    this.id = null;
  }

  async load() {
    const id = this.id;
    if (id === null || this.loading) return;
    this.loading = true;
    try {
      const body = await api.passes(id, PASS_COUNT);
      if (this.id !== id) return;
      this.windows = body.items?.[0]?.windows ?? [];
      this.render();
    } catch (error) {
      if (this.id === id)
        this.container.replaceChildren(
          h("p", { class: "error", text: `Passes unavailable: ${error.message}` }),
        );
    } finally {
      this.loading = false;
    }
  }

  tick() {
    if (this.id === null || this.windows.length === 0) return;
    const first = this.windows[0];
    if (first.end !== null && Date.parse(first.end) <= this.schedule.now()) this.load();
    else this.render();
  }

  render() {
    if (this.windows.length === 0) {
      this.container.replaceChildren(h("p", { class: "muted", text: "No contact planned." }));
      return;
    }
    const now = this.schedule.now();
    const list = h("ol", { class: "passes" });
    for (const w of this.windows) {
      const start = w.start === null ? null : Date.parse(w.start);
      const end = w.end === null ? null : Date.parse(w.end);
      const open = (start === null || start <= now) && (end === null || now < end);
      let when;
      if (start === null && end === null) when = "continuous";
      else if (open) when = end === null ? "in contact" : `in contact · LOS in ${formatCountdown(end - now)}`;
      else when = `AOS in ${formatCountdown((start ?? now) - now)}`;
      const about = [
        w.station ? `via ${w.station}` : "",
        start !== null && end !== null ? `${formatCountdown(end - start)} long` : "",
      ].filter(Boolean);
      list.append(
        h(
          "li",
          { class: open ? "pass open" : "pass", "data-start": w.start ?? "" },
          h("span", { class: "pass-times" }, timeElement(w.start), " → ", timeElement(w.end)),
          about.length > 0 ? h("span", { class: "muted", text: about.join(" · ") }) : null,
          h("span", { class: open ? "contact-state in" : "contact-state", text: when }),
        ),
      );
    }
    this.container.replaceChildren(list);
  }
}
