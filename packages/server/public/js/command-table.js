import { h, timeElement } from "./format.js";
import { CANCELLABLE_STATUSES, statusBadge } from "./status-badge.js";

/** Rows shown at first, and added by each "Show older commands". */
export const ROWS_PER_STEP = 100;

const ARGS_SUMMARY_LENGTH = 40;

/** Arguments as compact JSON, cut to fit a cell (the detail view shows them whole). */
function argsSummary(args) {
  const text = JSON.stringify(args ?? {});
  if (text === "{}") return "";
  return text.length > ARGS_SUMMARY_LENGTH ? `${text.slice(0, ARGS_SUMMARY_LENGTH - 1)}…` : text;
}

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/**
 * The live table of commands, newest first. Only the newest `limit` commands of the store are
 * in the DOM (a window that grows on demand), rows are keyed by id and patched in place, so a
 * burst of events costs one row update each and the page stays fast with thousands of commands.
 */
export class CommandTable {
  /**
   * @param {object} options
   * @param {HTMLTableSectionElement} options.body the `<tbody>`
   * @param {HTMLElement} options.count where "Showing N of M" goes
   * @param {HTMLButtonElement} options.loadMore
   * @param {import("./command-store.js").CommandStore} options.store
   * @param {(id: string, button: HTMLButtonElement) => void} options.onCancel
   * @param {() => Promise<void>} options.onLoadOlder fetches the next page from the API
   */
  constructor({ body, count, loadMore, store, onCancel, onLoadOlder }) {
    this.body = body;
    this.count = count;
    this.loadMore = loadMore;
    this.store = store;
    this.onLoadOlder = onLoadOlder;
    this.limit = ROWS_PER_STEP;
    /** @type {Map<string, HTMLTableRowElement>} */
    this.rows = new Map();
    store.subscribe((change) => (change.reset ? this.renderAll() : this.patch(change.ids)));
    body.addEventListener("click", (event) => {
      const button = /** @type {HTMLElement} */ (event.target).closest("button[data-cancel]");
      if (button instanceof HTMLButtonElement && !button.disabled)
        onCancel(button.dataset.cancel ?? "", button);
    });
    loadMore.addEventListener("click", () => this.showOlder());
  }

  /** Widens the window by one step, fetching a page from the API when the store has too few. */
  async showOlder() {
    if (this.loadMore.disabled) return;
    this.limit += ROWS_PER_STEP;
    if (this.store.order.length < this.limit && this.store.nextCursor !== null) {
      this.loadMore.disabled = true;
      try {
        await this.onLoadOlder();
      } finally {
        this.loadMore.disabled = false;
      }
    }
    this.fillWindow();
  }

  renderAll() {
    this.rows.clear();
    this.body.replaceChildren();
    this.fillWindow();
  }

  /** Adds the rows that belong to the window but are not shown yet, bottom up. */
  fillWindow() {
    const end = Math.min(this.limit, this.store.order.length);
    for (let i = end - 1; i >= 0; i--) {
      const command = this.store.order[i];
      if (this.rows.has(command.id)) continue;
      const next = this.store.order[i + 1];
      const before = next && i + 1 < end ? this.rows.get(next.id) : undefined;
      this.body.insertBefore(this.createRow(command), before ?? null);
    }
    this.updateFooter();
  }

  /** @param {string[]} ids */
  patch(ids) {
    for (const id of ids) {
      const command = this.store.get(id);
      if (!command) continue;
      const row = this.rows.get(id);
      if (row) {
        if (row.dataset.version !== String(command.version)) this.updateRow(row, command);
      } else if (this.store.indexOf(command) < this.limit) {
        this.placeRow(this.createRow(command), command);
      }
    }
    // New commands push the oldest shown ones out of the window.
    while (this.rows.size > this.limit) {
      const last = /** @type {HTMLTableRowElement} */ (this.body.lastElementChild);
      this.rows.delete(last.dataset.id ?? "");
      last.remove();
    }
    this.updateFooter();
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {Record<string, any>} command
   */
  placeRow(row, command) {
    const next = this.store.order[this.store.indexOf(command) + 1];
    const before = next ? this.rows.get(next.id) : undefined;
    this.body.insertBefore(row, before ?? null);
  }

  /** @param {Record<string, any>} command */
  createRow(command) {
    const row = h("tr", { "data-id": command.id });
    row.append(
      h("td", {}, h("a", { href: `#/commands/${command.id}`, class: "command-name", text: command.name })),
      h("td", { class: "args-cell", text: argsSummary(command.args) }),
      h("td", { text: command.spacecraftId }),
      h("td", { class: "status-cell" }),
      h("td", { class: "num", text: String(command.priority) }),
      h("td", {}, timeElement(command.createdAt)),
      h("td", { class: "updated-cell" }),
      h("td", { class: "actions-cell" }),
    );
    this.rows.set(command.id, row);
    this.fillRow(row, command);
    return row;
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {Record<string, any>} command
   */
  updateRow(row, command) {
    this.fillRow(row, command);
    // The Web Animations API highlights the change without forcing a layout of the table.
    if (!reducedMotion.matches)
      row.animate([{ backgroundColor: "#1e3a8a" }, { backgroundColor: "transparent" }], 1200);
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {Record<string, any>} command
   */
  fillRow(row, command) {
    row.dataset.status = command.status;
    row.dataset.version = String(command.version);
    const [, , , status, , , updated, actions] = row.cells;
    const reason = command.failureReason ? h("span", { class: "reason", text: command.failureReason }) : null;
    const held = command.held ? h("span", { class: "badge badge-held", text: "held" }) : null;
    status.replaceChildren(statusBadge(command.status), held ?? "", reason ?? "");
    updated.replaceChildren(timeElement(command.updatedAt));
    if (CANCELLABLE_STATUSES.has(command.status)) {
      if (!actions.firstChild) {
        actions.append(
          h("button", {
            type: "button",
            class: "button-secondary",
            "data-cancel": command.id,
            "aria-label": `Cancel ${command.name} ${command.id.slice(-8)}`,
            text: "Cancel",
          }),
        );
      }
    } else if (actions.firstChild) {
      const hadFocus = actions.contains(document.activeElement);
      actions.replaceChildren();
      // The Cancel button just went away under the keyboard: keep focus in the row.
      if (hadFocus) row.querySelector("a")?.focus();
    }
  }

  updateFooter() {
    const known = this.store.order.length;
    const more = this.store.nextCursor !== null;
    this.count.textContent = `Showing ${this.rows.size} of ${known}${more ? "+" : ""} command${known === 1 ? "" : "s"}`;
    this.loadMore.hidden = !(known > this.rows.size || more);
  }
}
