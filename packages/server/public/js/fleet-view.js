import { orderFleet, parseSort, placeOf } from "./fleet-order.js";
import { createFleetRow, fillFleetRow } from "./fleet-row.js";
import { h } from "./format.js";
import { FrameFlush } from "./frame-flush.js";

/**
 * The fleet: every spacecraft with its mission, health, contact state and countdown and its key
 * values, sortable by column and filtered by mission and health. Rows are keyed by id and patched in place
 * when the fleet store or the contact schedule changes; sort and filter live in the address
 * (`#/fleet?mission=demo&health=safe&sort=-name`), so a view can be shared.
 */
export class FleetView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.root the fleet card
   * @param {import("./fleet-store.js").FleetStore} options.store
   * @param {import("./contact-schedule.js").ContactSchedule} options.schedule
   * @param {import("./dictionary-cache.js").DictionaryCache} options.dictionaries for units
   */
  constructor({ root, store, schedule, dictionaries }) {
    this.store = store;
    this.schedule = schedule;
    this.dictionaries = dictionaries;
    this.body = /** @type {HTMLTableSectionElement} */ (root.querySelector("tbody"));
    this.count = /** @type {HTMLElement} */ (root.querySelector("[data-fleet-count]"));
    this.filter = /** @type {HTMLSelectElement} */ (root.querySelector("select[data-fleet-mission]"));
    this.healthFilter = /** @type {HTMLSelectElement} */ (root.querySelector("select[data-fleet-health]"));
    this.headers = /** @type {HTMLElement[]} */ ([...root.querySelectorAll("th[data-sort]")]);
    /** @type {Map<string, HTMLTableRowElement>} */
    this.rows = new Map();
    /** Missions whose dictionary is being read for its units. */
    this.reading = new Set();
    this.sort = "createdAt";
    this.descending = false;
    this.mission = "";
    this.health = "";
    for (const th of this.headers) {
      th.querySelector("button")?.addEventListener("click", () => {
        const key = th.dataset.sort ?? "createdAt";
        this.descending = this.sort === key ? !this.descending : false;
        this.sort = key;
        this.remember();
        this.render();
      });
    }
    this.filter.addEventListener("change", () => {
      this.mission = this.filter.value;
      this.remember();
      this.render();
    });
    this.healthFilter.addEventListener("change", () => {
      this.health = this.healthFilter.value;
      this.remember();
      this.render();
    });
    /** Where each shown spacecraft sits: its sort key and mission, to tell a patch from a re-sort. */
    this.placed = new Map();
    /** @type {Set<string>} spacecraft changed since the last repaint */
    this.pending = new Set();
    this.whole = false;
    this.frame = new FrameFlush(() => this.flush());
    store.subscribe((change) => {
      if (change.reset || change.removed.length > 0) this.whole = true;
      for (const id of change.ids) this.pending.add(id);
      if (this.whole || this.pending.size > 0) this.repaintSoon();
    });
    schedule.subscribe(() => this.tick());
  }

  /** One repaint per frame however many events arrive. */
  repaintSoon() {
    this.frame.request();
  }

  /**
   * Patches the rows of the spacecraft that changed in place; renders everything again only
   * when one appears, goes, or moves in the order or the filter.
   */
  flush() {
    const ids = [...this.pending];
    this.pending.clear();
    const whole = this.whole;
    this.whole = false;
    const moved = ids.some((id) => {
      const spacecraft = this.store.get(id);
      return !spacecraft || this.placed.get(id) !== this.placeOf(spacecraft);
    });
    if (whole || moved) {
      this.render();
      return;
    }
    for (const id of ids) {
      const row = this.rows.get(id);
      const spacecraft = this.store.get(id);
      if (row && spacecraft) this.fillRow(row, spacecraft);
    }
  }

  /**
   * What decides a row's place: its sort key, and its mission and health (the filters).
   * @param {Record<string, any>} s
   */
  placeOf(s) {
    return placeOf(s, this.order());
  }

  /**
   * Applies the address's sort and filter.
   * @param {URLSearchParams} params
   */
  show(params) {
    ({ sort: this.sort, descending: this.descending } = parseSort(params.get("sort")));
    this.mission = params.get("mission") ?? "";
    this.health = params.get("health") ?? "";
    this.healthFilter.value = this.health;
    if (this.healthFilter.value !== this.health) this.health = "";
    this.render();
  }

  /** Writes the sort and filter into the address without a navigation. */
  remember() {
    const params = new URLSearchParams();
    if (this.mission !== "") params.set("mission", this.mission);
    if (this.health !== "") params.set("health", this.health);
    if (this.sort !== "createdAt" || this.descending)
      params.set("sort", `${this.descending ? "-" : ""}${this.sort}`);
    const text = params.toString();
    history.replaceState(null, "", `#/fleet${text === "" ? "" : `?${text}`}`);
  }

  /** The spacecraft shown, in order: the API's sort rules, ties by registration. */
  visible() {
    return orderFleet(this.store.all(), this.order());
  }

  /** @returns {import("./fleet-order.js").FleetOrder} */
  order() {
    return { sort: this.sort, descending: this.descending, mission: this.mission, health: this.health };
  }

  render() {
    this.fillMissions();
    for (const th of this.headers) {
      const sorted = th.dataset.sort === this.sort;
      if (sorted) th.setAttribute("aria-sort", this.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    const shown = this.visible();
    const keep = new Set(shown.map((s) => s.id));
    this.placed = new Map(this.store.all().map((s) => [s.id, this.placeOf(s)]));
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) {
        row.remove();
        this.rows.delete(id);
      }
    }
    let previous = null;
    for (const spacecraft of shown) {
      let row = this.rows.get(spacecraft.id);
      if (!row) {
        row = this.createRow(spacecraft.id);
        this.rows.set(spacecraft.id, row);
      }
      this.fillRow(row, spacecraft);
      const expected = previous ? previous.nextElementSibling : this.body.firstElementChild;
      if (expected !== row) this.body.insertBefore(row, expected);
      previous = row;
    }
    const total = this.store.all().length;
    this.count.textContent = this.store.loaded
      ? `${shown.length} of ${total} spacecraft${this.mission ? ` · mission ${this.mission}` : ""}${this.health ? ` · ${this.health}` : ""}`
      : "Loading…";
  }

  /** Offers the fleet's missions in the filter, keeping the chosen one. */
  fillMissions() {
    const missions = this.store.missions();
    if (this.mission !== "" && !missions.some((m) => m.toLowerCase() === this.mission.toLowerCase()))
      missions.push(this.mission);
    const wanted = ["", ...missions].join("\n");
    if (this.filter.dataset.options !== wanted) {
      this.filter.dataset.options = wanted;
      this.filter.replaceChildren(
        h("option", { value: "", text: "All missions" }),
        ...missions.map((m) => h("option", { value: m, text: m })),
      );
    }
    const chosen = missions.find((m) => m.toLowerCase() === this.mission.toLowerCase());
    this.filter.value = chosen ?? "";
  }

  /** @param {string} id */
  createRow(id) {
    return createFleetRow(id);
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {Record<string, any>} s
   */
  fillRow(row, s) {
    this.readUnits(s.mission);
    fillFleetRow(row, s, (name) => this.dictionaries.unitOf(s.mission, name));
    this.fillContact(row, s.id);
  }

  /**
   * Units come from the mission's dictionary: the values show at once, their units once it is read.
   * @param {string | null} mission
   */
  readUnits(mission) {
    const key = (mission ?? "").toLowerCase();
    if (key === "" || this.dictionaries.peek(mission) !== undefined || this.reading.has(key)) return;
    this.reading.add(key);
    this.dictionaries
      .get(mission)
      .then(
        () => this.render(),
        () => {},
      )
      .finally(() => this.reading.delete(key));
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {string} id
   */
  fillContact(row, id) {
    const state = this.schedule.stateOf(id);
    const contact = /** @type {HTMLElement} */ (row.querySelector("[data-cell=contact]"));
    const countdown = /** @type {HTMLElement} */ (row.querySelector("[data-cell=countdown]"));
    row.dataset.inContact = state ? String(state.open) : "unknown";
    const text = state === null ? "…" : state.open ? "● in contact" : "○ no contact";
    if (contact.textContent !== text) {
      contact.textContent = text;
      contact.className = state?.open ? "contact-state in" : "contact-state";
    }
    countdown.textContent = state?.countdown ?? "—";
  }

  /** Each second: the countdowns (and contact states) move on. */
  tick() {
    for (const [id, row] of this.rows) this.fillContact(row, id);
  }
}
