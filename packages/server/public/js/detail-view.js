import { api } from "./api-client.js";
import { CommentForm } from "./comment-form.js";
import { h, timeElement } from "./format.js";
import { historyTimeline } from "./history-timeline.js";
import { CANCELLABLE_STATUSES, statusBadge } from "./status-badge.js";

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
 * timeline (transitions, holds and comments, each with its actor). Opened by the
 * `#/commands/:id` address; live events extend the timeline in place. Operators and up get
 * cancel, hold and release buttons for a `ready` command and a comment form (SPEC §10).
 */
export class DetailView {
  /**
   * @param {object} options
   * @param {HTMLElement} options.panel
   * @param {import("./command-store.js").CommandStore} options.store
   * @param {(id: string, button: HTMLButtonElement) => void} options.onCancel
   * @param {(id: string, hold: boolean, button: HTMLButtonElement) => void} options.onHold hold (true) or release
   * @param {boolean} options.mayOperate whether the signed-in role may cancel, hold, release and comment
   */
  constructor({ panel, store, onCancel, onHold, mayOperate }) {
    this.panel = panel;
    this.store = store;
    this.onCancel = onCancel;
    this.onHold = onHold;
    this.mayOperate = mayOperate;
    /** @type {CommentForm | null} kept across repaints, so that a live event never loses what is typed */
    this.commentForm = null;
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
      this.commentForm = this.mayOperate
        ? new CommentForm({
            commandId: id,
            onAdded: (entry) => this.onTransition({ command: { id }, entry }),
          })
        : null;
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
    if (this.command) this.showCommand(this.store.get(command.id) ?? this.command);
  }

  /** @param {Record<string, any>} command */
  showCommand(command) {
    if (this.command && command.version < this.command.version) command = this.command;
    this.command = command;
    const title = /** @type {HTMLElement} */ (this.panel.querySelector("h2"));
    title.textContent = command.name;
    const facts = h("dl", { class: "facts" });
    const fact = (label, ...value) => facts.append(h("dt", { text: label }), h("dd", {}, ...value));
    fact(
      "Status",
      statusBadge(command.status),
      command.held ? h("span", { class: "badge badge-held", "data-held": true, text: "held" }) : "",
    );
    if (command.failureReason)
      fact("Failure reason", h("strong", { class: "reason", text: command.failureReason }));
    fact("Spacecraft", command.spacecraftId);
    fact("Priority", String(command.priority));
    if (command.submittedBy) fact("Submitted by", command.submittedBy);
    fact("Id", h("code", { text: command.id }));
    for (const [field, label] of TIME_FIELDS)
      if (command[field]) fact(label, timeElement(command[field], true));
    const content = [
      facts,
      this.actions(command),
      h("h3", { text: "Arguments" }),
      h(
        "pre",
        { class: "args", tabindex: "0", "aria-label": "Arguments" },
        JSON.stringify(command.args ?? {}, null, 2),
      ),
      h("h3", { id: "timeline-heading", text: "History" }),
      historyTimeline(this.entries.values(), "timeline-heading"),
    ];
    const form = this.commentForm?.form;
    if (form && this.content.contains(form)) {
      // Everything but the comment form is drawn again: what is typed there, and its focus, stay.
      for (const child of [...this.content.children]) if (child !== form) child.remove();
      form.before(...content);
    } else {
      this.content.replaceChildren(...content, form ?? "");
    }
  }

  /**
   * Cancel for a command still queued or awaiting approval, hold and release for a `ready` one,
   * for roles that may operate.
   * @param {Record<string, any>} command
   */
  actions(command) {
    const actions = h("div", { class: "detail-actions" });
    if (!this.mayOperate || !CANCELLABLE_STATUSES.has(command.status)) return actions;
    const button = (text, onClick) => {
      const element = /** @type {HTMLButtonElement} */ (
        h("button", { type: "button", class: "button-secondary", text })
      );
      element.addEventListener("click", () => onClick(element));
      actions.append(element);
    };
    button("Cancel command", (element) => this.onCancel(command.id, element));
    if (command.status !== "ready") return actions;
    if (command.held) button("Release command", (element) => this.onHold(command.id, false, element));
    else button("Hold command", (element) => this.onHold(command.id, true, element));
    return actions;
  }
}
