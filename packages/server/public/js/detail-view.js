import { api } from "./api-client.js";
import { h, timeElement } from "./format.js";
import { statusBadge } from "./status-badge.js";

const TIME_FIELDS = [
  ["createdAt", "Created"],
  ["notBefore", "Not before"],
  ["notAfter", "Not after"],
  ["transmittedAt", "Transmitted"],
  ["acknowledgedAt", "Acknowledged"],
  ["executedAt", "Executed"],
  ["failedAt", "Failed"],
  ["cancelledAt", "Cancelled"],
];

/**
 * The detail panel of one command: its fields, arguments, failure reason and history as a
 * timeline. Opened by the `#/commands/:id` address; live events extend the timeline in place.
 */
export class DetailView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.panel
   * @param {import("./command-store.js").CommandStore} options.store
   * @param {(id: string, button: HTMLButtonElement) => void} options.onCancel
   */
  constructor({ panel, store, onCancel }) {
    this.panel = panel;
    this.store = store;
    this.onCancel = onCancel;
    /** @type {string | null} */
    this.id = null;
    /** @type {Record<string, any> | null} */
    this.command = null;
    /** @type {Map<number, Record<string, any>>} history entries by event id */
    this.entries = new Map();
    /** @type {Element | null} */
    this.opener = null;
    this.content = /** @type {HTMLElement} */ (panel.querySelector("[data-detail-content]"));
    panel.querySelector("[data-detail-close]")?.addEventListener("click", () => this.close());
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
    store.subscribe((change) => {
      if (this.id === null) return;
      const held = store.get(this.id);
      if (held && (change.reset || change.ids.includes(this.id))) this.showCommand(held);
    });
  }

  /**
   * Opens the panel on one command and loads its history.
   * @param {string} id
   */
  async open(id) {
    if (this.id !== id) {
      this.opener = document.activeElement;
      this.id = id;
      this.command = null;
      this.entries.clear();
      this.content.replaceChildren(h("p", { class: "muted", text: "Loading…" }));
    }
    this.panel.hidden = false;
    document.body.classList.add("detail-open");
    /** @type {HTMLElement | null} */ (this.panel.querySelector("h2"))?.focus();
    await this.load(id);
  }

  /** @param {string} id */
  async load(id) {
    try {
      const [command, history] = await Promise.all([api.get(id), api.history(id)]);
      if (this.id !== id) return;
      for (const entry of history.items ?? []) this.entries.set(entry.eventId, entry);
      this.store.put(command);
      this.showCommand(this.store.get(id) ?? command);
    } catch (error) {
      if (this.id !== id) return;
      this.content.replaceChildren(
        h("p", { class: "error", role: "alert", text: `Cannot show this command: ${error.message}` }),
      );
    }
  }

  /** Reads the command and its history again (after the event stream could not resume). */
  reload() {
    if (this.id !== null) this.load(this.id);
  }

  close() {
    if (this.id === null) return;
    this.id = null;
    this.panel.hidden = true;
    document.body.classList.remove("detail-open");
    if (location.hash.startsWith("#/commands/"))
      history.replaceState(null, "", location.pathname + location.search);
    if (this.opener instanceof HTMLElement && this.opener.isConnected) this.opener.focus();
  }

  /**
   * Adds a live transition to the timeline when it is about the command shown.
   * @param {{command: Record<string, any>, entry: Record<string, any>}} event
   */
  onTransition({ command, entry }) {
    if (command.id !== this.id || this.entries.has(entry.eventId)) return;
    this.entries.set(entry.eventId, entry);
    if (this.command) this.showCommand(this.store.get(command.id) ?? command);
  }

  /** @param {Record<string, any>} command */
  showCommand(command) {
    if (this.command && command.version < this.command.version) command = this.command;
    this.command = command;
    const title = /** @type {HTMLElement} */ (this.panel.querySelector("h2"));
    title.textContent = command.name;
    const facts = h("dl", { class: "facts" });
    const fact = (label, ...value) => facts.append(h("dt", { text: label }), h("dd", {}, ...value));
    fact("Status", statusBadge(command.status));
    if (command.failureReason)
      fact("Failure reason", h("strong", { class: "reason", text: command.failureReason }));
    fact("Spacecraft", command.spacecraftId);
    fact("Priority", String(command.priority));
    fact("Id", h("code", { text: command.id }));
    for (const [field, label] of TIME_FIELDS)
      if (command[field]) fact(label, timeElement(command[field], true));
    const actions = h("div", { class: "detail-actions" });
    if (command.status === "ready") {
      const button = h("button", { type: "button", class: "button-secondary", text: "Cancel command" });
      button.addEventListener("click", () =>
        this.onCancel(command.id, /** @type {HTMLButtonElement} */ (button)),
      );
      actions.append(button);
    }
    this.content.replaceChildren(
      facts,
      actions,
      h("h3", { text: "Arguments" }),
      h(
        "pre",
        { class: "args", tabindex: "0", "aria-label": "Arguments" },
        JSON.stringify(command.args ?? {}, null, 2),
      ),
      h("h3", { id: "timeline-heading", text: "History" }),
      this.timeline(),
    );
  }

  timeline() {
    const list = h("ol", { class: "timeline", "aria-labelledby": "timeline-heading" });
    const entries = [...this.entries.values()].sort((a, b) => a.eventId - b.eventId);
    if (entries.length === 0) list.append(h("li", { class: "muted", text: "No transitions yet." }));
    for (const entry of entries) {
      const item = h(
        "li",
        { class: entry.ignored ? "ignored" : "", "data-to": entry.to },
        h("span", { class: "timeline-time" }, timeElement(entry.at, true)),
        h(
          "span",
          { class: "timeline-move" },
          entry.from ? statusBadge(entry.from) : h("span", { class: "muted", text: "new" }),
          h("span", { "aria-label": "to", text: " → " }),
          statusBadge(entry.to),
        ),
        h(
          "span",
          { class: "timeline-meta" },
          `by ${entry.source}`,
          entry.reason ? ` · ${entry.reason}` : "",
          entry.ignored ? " · ignored (final state)" : "",
        ),
      );
      list.append(item);
    }
    return list;
  }
}
