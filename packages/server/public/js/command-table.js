import { h, timeElement } from "./format.js";
import { statusBadge } from "./status-badge.js";

/**
 * The live table of commands, newest first. Rows are keyed by id and patched in place when the
 * store reports a change, so a stream of events costs one row update each, not a re-render.
 */
export class CommandTable {
  /**
   * @param {object} options
   * @param {HTMLTableSectionElement} options.body the `<tbody>`
   * @param {HTMLElement} options.count where "N commands shown" goes
   * @param {HTMLButtonElement} options.loadMore
   * @param {import("./command-store.js").CommandStore} options.store
   * @param {(id: string, button: HTMLButtonElement) => void} options.onCancel
   * @param {() => void} options.onLoadMore
   */
  constructor({ body, count, loadMore, store, onCancel, onLoadMore }) {
    this.body = body;
    this.count = count;
    this.loadMore = loadMore;
    this.store = store;
    /** @type {Map<string, HTMLTableRowElement>} */
    this.rows = new Map();
    store.subscribe((change) => (change.reset ? this.renderAll() : this.patch(change.ids)));
    body.addEventListener("click", (event) => {
      const button = /** @type {HTMLElement} */ (event.target).closest("button[data-cancel]");
      if (button instanceof HTMLButtonElement && !button.disabled)
        onCancel(button.dataset.cancel ?? "", button);
    });
    loadMore.addEventListener("click", () => onLoadMore());
  }

  renderAll() {
    this.rows.clear();
    const fragment = document.createDocumentFragment();
    for (const command of this.store.order) fragment.append(this.createRow(command));
    this.body.replaceChildren(fragment);
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
      } else {
        this.placeRow(this.createRow(command), command);
      }
    }
    this.updateFooter();
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {Record<string, any>} command
   */
  placeRow(row, command) {
    const index = this.store.indexOf(command);
    const next = this.store.order[index + 1];
    const before = next ? this.rows.get(next.id) : undefined;
    this.body.insertBefore(row, before ?? null);
  }

  /** @param {Record<string, any>} command */
  createRow(command) {
    const row = h("tr", { "data-id": command.id });
    row.append(
      h("td", {}, h("a", { href: `#/commands/${command.id}`, class: "command-name", text: command.name })),
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
    row.classList.remove("changed");
    // Restart the highlight: reading offsetWidth forces the class removal to apply first.
    void row.offsetWidth;
    row.classList.add("changed");
  }

  /**
   * @param {HTMLTableRowElement} row
   * @param {Record<string, any>} command
   */
  fillRow(row, command) {
    row.dataset.status = command.status;
    row.dataset.version = String(command.version);
    const [, , status, , , updated, actions] = row.cells;
    const reason = command.failureReason ? h("span", { class: "reason", text: command.failureReason }) : null;
    status.replaceChildren(statusBadge(command.status), reason ?? "");
    updated.replaceChildren(timeElement(command.updatedAt));
    if (command.status === "ready") {
      if (!actions.querySelector("button[data-cancel]")) {
        actions.replaceChildren(
          h("button", {
            type: "button",
            class: "button-secondary",
            "data-cancel": command.id,
            "aria-label": `Cancel ${command.name} (${command.id.slice(-8)})`,
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
    const shown = this.store.order.length;
    this.count.textContent = `${shown} command${shown === 1 ? "" : "s"} shown${this.store.nextCursor ? ", older ones not loaded" : ""}`;
    this.loadMore.hidden = this.store.nextCursor === null;
  }
}
