import { api } from "./api-client.js";
import { CommandStore } from "./command-store.js";
import { CommandTable } from "./command-table.js";
import { ExportLinks } from "./export-links.js";
import { h, timeElement } from "./format.js";
import { healthBadge } from "./health-badge.js";
import { InhibitsEditor } from "./inhibits-editor.js";
import { ParameterPanel } from "./parameter-panel.js";
import { PassesList } from "./passes-list.js";
import { QueueControl } from "./queue-control.js";

const PAGE_SIZE = 100;

/**
 * One spacecraft (`#/spacecraft/:id`): its facts, live health and contact state, its
 * parameters with a plot each, its passes, its inhibits (editable), its queue state (set by
 * approvers and admins) and its queue (its commands, live from the event stream, exportable).
 */
export class SpacecraftView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.root the view's `<main>`
   * @param {import("./fleet-store.js").FleetStore} options.fleet
   * @param {import("./contact-schedule.js").ContactSchedule} options.schedule
   * @param {import("./dictionary-cache.js").DictionaryCache} options.dictionaries
   * @param {(id: string, button: HTMLButtonElement) => void} options.onCancel
   * @param {(message: string) => void} options.notify
   * @param {import("./stats-panel.js").StatsPanel} options.stats
   * @param {boolean} [options.mayChangeQueue] whether the signed-in role may set queue states
   */
  constructor({ root, fleet, schedule, dictionaries, onCancel, notify, stats, mayChangeQueue = false }) {
    this.root = root;
    this.fleet = fleet;
    this.schedule = schedule;
    /** @type {string | null} */
    this.id = null;
    const part = (id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
    this.heading = part("sc-heading");
    this.facts = part("sc-facts");
    this.send = /** @type {HTMLAnchorElement} */ (part("sc-send"));
    const queueState = h("div", { id: "sc-queue-state", class: "queue-control" });
    this.facts.after(queueState);
    this.queueControl = new QueueControl({
      container: queueState,
      mayChange: mayChangeQueue,
      onChanged: (spacecraft) => fleet.put(spacecraft),
      notify,
    });
    const exports = h("p", { class: "export" });
    part("sc-queue-count").after(exports);
    this.exports = new ExportLinks(exports, "its commands");
    this.parameters = new ParameterPanel({ container: part("sc-parameters"), dictionaries });
    this.passes = new PassesList({ container: part("sc-passes"), schedule });
    this.inhibits = new InhibitsEditor({ container: part("sc-inhibits"), dictionaries, onSaved: notify });
    this.queue = new CommandStore();
    new CommandTable({
      body: /** @type {HTMLTableSectionElement} */ (part("sc-queue-rows")),
      count: part("sc-queue-count"),
      loadMore: /** @type {HTMLButtonElement} */ (part("sc-queue-more")),
      store: this.queue,
      onCancel,
      onLoadOlder: () => this.loadQueue(this.queue.nextCursor),
    });
    fleet.subscribe((change) => {
      if (this.id === null) return;
      const spacecraft = fleet.get(this.id);
      if (change.removed.includes(this.id)) this.showGone();
      else if (spacecraft && (change.reset || change.ids.includes(this.id))) {
        this.showFacts(spacecraft);
        this.parameters.update(spacecraft, change.telemetry?.[this.id] ?? null);
      }
    });
    schedule.subscribe(() => {
      if (this.id !== null) this.showContact();
    });
    /** Its delivered and dropped commands, from the counts the page reads anyway. */
    this.counts = null;
    stats.subscribe((body) => {
      this.counts = body.bySpacecraft ?? null;
      this.showCounts();
    });
  }

  /** @param {string} id */
  async open(id) {
    const changed = this.id !== id;
    this.id = id;
    this.root.hidden = false;
    this.heading.textContent = id;
    this.heading.focus();
    this.send.href = `#/send/${encodeURIComponent(id)}`;
    this.exports.setFilters({ spacecraftId: id }, `the commands of ${id}`);
    if (changed) {
      this.queue.clear();
      const known = this.fleet.get(id);
      if (known) this.showFacts(known);
      else this.facts.replaceChildren(h("p", { class: "muted", text: "Loading…" }));
    }
    let spacecraft;
    try {
      spacecraft = await api.spacecraft(id);
    } catch (error) {
      if (this.id === id)
        this.facts.replaceChildren(
          h("p", { class: "error", role: "alert", text: `Cannot show ${id}: ${error.message}` }),
        );
      return;
    }
    if (this.id !== id) return;
    this.fleet.put(spacecraft);
    const held = this.fleet.get(id) ?? spacecraft;
    this.showFacts(held);
    await Promise.all([
      this.parameters.open(held),
      this.passes.open(id),
      this.inhibits.open(id, held.mission),
      this.loadQueue(null),
    ]);
  }

  close() {
    this.id = null;
    this.root.hidden = true;
    this.parameters.close();
    this.passes.close();
    this.inhibits.close();
  }

  /**
   * A live transition: kept when it is about this spacecraft.
   * @param {Record<string, any>} command
   */
  onCommand(command) {
    if (this.id !== null && command.spacecraftId === this.id) this.queue.put(command, true);
  }

  /** @param {string | null} cursor null for the first page */
  async loadQueue(cursor) {
    const id = this.id;
    if (id === null) return;
    try {
      const page = await api.list({ spacecraftId: id, limit: PAGE_SIZE, cursor });
      if (this.id !== id) return;
      if (cursor === null) this.queue.reset(page.items ?? [], page.nextCursor ?? null);
      else this.queue.appendPage(page.items ?? [], page.nextCursor ?? null);
    } catch (error) {
      this.facts.append(h("p", { class: "error", text: `Cannot load its commands: ${error.message}` }));
    }
  }

  /** @param {Record<string, any>} s */
  showFacts(s) {
    this.heading.textContent = s.name && s.name !== s.id ? `${s.name} (${s.id})` : s.id;
    const facts = h("dl", { class: "facts" });
    const fact = (label, ...value) => facts.append(h("dt", { text: label }), h("dd", {}, ...value));
    fact("Health", healthBadge(s.health));
    fact("Contact", h("span", { "data-sc-contact": true }));
    fact("Mission", s.mission ?? "—");
    fact("Delivered / dropped", h("span", { "data-sc-counts": true }));
    fact("Contact plan", h("code", { text: s.contacts ?? "default" }));
    fact("Uplink", h("code", { text: s.uplinkUrl ?? "default" }));
    fact("Last frame", timeElement(s.lastFrameAt));
    fact("Registered", timeElement(s.createdAt));
    this.facts.replaceChildren(...facts.childNodes);
    this.queueControl.show(s);
    this.root.dataset.health = s.health;
    this.showContact();
    this.showCounts();
  }

  showContact() {
    const slot = this.facts.querySelector("[data-sc-contact]");
    if (!slot || this.id === null) return;
    const state = this.schedule.stateOf(this.id);
    slot.textContent =
      state === null ? "…" : `${state.open ? "● in contact" : "○ no contact"} · ${state.countdown}`;
    slot.className = state?.open ? "contact-state in" : "contact-state";
  }

  showCounts() {
    const slot = this.facts.querySelector("[data-sc-counts]");
    if (!slot || this.id === null) return;
    const counts = this.counts?.[this.id];
    slot.textContent = this.counts === null ? "…" : `${counts?.delivered ?? 0} / ${counts?.dropped ?? 0}`;
  }

  showGone() {
    this.facts.replaceChildren(
      h("p", { class: "error", role: "alert", text: `${this.id} has been removed.` }),
    );
  }
}
