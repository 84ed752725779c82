import { api } from "./api-client.js";
import { formatCountdown, formatTime, h } from "./format.js";

const REFRESH_MS = 60_000;

/**
 * @typedef {object} ContactView
 * @property {string} spacecraftId
 * @property {number | null} start epoch ms; null when unbounded (always in contact) or none planned
 * @property {number | null} end epoch ms; null when unbounded
 * @property {boolean} planned false when the plan has no window left
 * @property {string | null} station
 * @property {number | null} nextStart when the window after this one opens, if the plan says
 */

/**
 * One spacecraft of `GET /api/contacts`: `{spacecraftId, inContact, windows: [{start, end, station}]}`,
 * the current window first; unbounded ends are null.
 * @param {Record<string, any>} item
 * @returns {ContactView}
 */
function toView(item) {
  const [window, following] = Array.isArray(item.windows) ? item.windows : [];
  const instant = (value) => (value === null || value === undefined ? null : Date.parse(value));
  return {
    spacecraftId: String(item.spacecraftId),
    start: window ? instant(window.start) : null,
    end: window ? instant(window.end) : null,
    planned: window !== undefined,
    station: window?.station ?? null,
    nextStart: following ? instant(following.start) : null,
  };
}

/**
 * The current or next contact window of each spacecraft, with a countdown ticking each second.
 * Countdowns run on the server's clock (its `now` corrects this machine's offset).
 */
export class ContactsPanel {
  /** @param {HTMLElement} list the `<ul>` to fill */
  constructor(list) {
    this.list = list;
    /** @type {ContactView[]} */
    this.views = [];
    this.loadedAt = 0;
    /** Server time minus local time, in ms. */
    this.offset = 0;
    this.failed = false;
  }

  start() {
    this.refresh();
    window.setInterval(() => this.tick(), 1000);
  }

  now() {
    return Date.now() + this.offset;
  }

  async refresh() {
    this.loadedAt = Date.now();
    try {
      const body = await api.contacts();
      const serverNow = Date.parse(body.now);
      if (!Number.isNaN(serverNow)) this.offset = serverNow - Date.now();
      this.views = (body.items ?? []).map(toView);
      this.failed = false;
      this.fillSpacecraftOptions();
    } catch {
      this.failed = true;
    }
    this.render();
  }

  /** Offers the known spacecraft in the form's Spacecraft field. */
  fillSpacecraftOptions() {
    const options = document.getElementById("spacecraft-options");
    options?.replaceChildren(...this.views.map((v) => h("option", { value: v.spacecraftId })));
  }

  tick() {
    const now = this.now();
    const loaded = this.loadedAt + this.offset;
    // Refetch once a window has opened or closed since the last load, and once a minute anyway.
    const crossed = this.views.some(
      (v) => (v.start !== null && v.start > loaded && v.start <= now) || (v.end !== null && v.end <= now),
    );
    if (crossed || Date.now() - this.loadedAt > REFRESH_MS) this.refresh();
    else this.render();
  }

  render() {
    if (this.views.length === 0) {
      const text = this.failed ? "Contact plan unavailable." : "No spacecraft known yet.";
      this.list.replaceChildren(h("li", { class: "muted", text }));
      return;
    }
    const now = this.now();
    this.list.replaceChildren(...this.views.map((v) => this.item(v, now)));
  }

  /**
   * @param {ContactView} v
   * @param {number} now
   */
  item(v, now) {
    const open = v.planned && (v.start === null || v.start <= now) && (v.end === null || now < v.end);
    let text;
    if (!v.planned) text = "no contact planned";
    else if (open && v.start === null && v.end === null) text = "continuous";
    else if (open) text = v.end === null ? "no LOS planned" : `LOS in ${formatCountdown(v.end - now)}`;
    else text = `AOS in ${formatCountdown((v.start ?? now) - now)}`;
    const clock = (ms) => (ms === null ? "…" : formatTime(new Date(ms).toISOString()));
    const bounded = v.planned && (v.start !== null || v.end !== null);
    const then = open && v.nextStart !== null ? ` · next AOS in ${formatCountdown(v.nextStart - now)}` : "";
    return h(
      "li",
      {
        class: open ? "contact open" : "contact",
        "data-spacecraft": v.spacecraftId,
        "data-in-contact": open,
      },
      h("span", { class: "contact-sc", text: v.spacecraftId }),
      h("span", {
        class: open ? "contact-state in" : "contact-state",
        text: open ? "● in contact" : "○ no contact",
      }),
      h("span", { class: "contact-countdown", text: text + then }),
      bounded
        ? h("span", {
            class: "contact-window muted",
            text: `${clock(v.start)} → ${clock(v.end)}${v.station ? ` via ${v.station}` : ""}`,
          })
        : null,
    );
  }
}
