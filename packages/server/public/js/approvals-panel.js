import { ApiError, api } from "./api-client.js";
import { h, timeElement } from "./format.js";

const PAGE_SIZE = 100;

/**
 * The approvals panel (SPEC §10's two-person rule): the commands in `pending_approval`, newest
 * first, kept current by the event stream, each with Approve and Reject (with a reason). Shown
 * only to roles that may approve; a command's own submitter is not offered Approve (the server
 * would answer 403 `self_approval`, which is shown if it happens anyway).
 */
export class ApprovalsPanel {
  /**
   * @param {object} options
   * @param {HTMLElement} options.section the panel's card (hidden for roles that may not approve)
   * @param {{name: string, role: string}} options.user the signed-in user
   * @param {boolean} options.mayApprove
   * @param {(command: Record<string, any>) => void} options.onChanged an approval's or rejection's answer
   * @param {(message: string) => void} options.notify
   */
  constructor({ section, user, mayApprove, onChanged, notify }) {
    this.section = section;
    this.user = user;
    this.enabled = mayApprove;
    this.onChanged = onChanged;
    this.notify = notify;
    this.list = /** @type {HTMLElement} */ (section.querySelector("[data-approvals-list]"));
    this.count = /** @type {HTMLElement} */ (section.querySelector("[data-approvals-count]"));
    this.error = /** @type {HTMLElement} */ (section.querySelector("[data-approvals-error]"));
    /** @type {Map<string, Record<string, any>>} pending commands by id */
    this.pending = new Map();
    /** @type {Map<string, HTMLElement>} */
    this.items = new Map();
    section.hidden = !mayApprove;
  }

  /** Reads the pending commands again (first load, or after the stream could not resume). */
  async load() {
    if (!this.enabled) return;
    try {
      const page = await api.list({ status: "pending_approval", limit: PAGE_SIZE });
      // What was pending before may have been decided meanwhile: the page is the truth.
      const seen = new Set((page.items ?? []).map((command) => command.id));
      for (const id of this.pending.keys()) if (!seen.has(id)) this.pending.delete(id);
      for (const command of page.items ?? []) this.put(command);
      this.render();
    } catch (error) {
      this.showError(`Cannot load the commands awaiting approval: ${error.message}`);
    }
  }

  /**
   * A command seen on the stream or in an answer: kept while it is pending, dropped after.
   * @param {Record<string, any>} command
   */
  onCommand(command) {
    if (!this.enabled) return;
    if (this.put(command)) this.render();
  }

  /** @param {Record<string, any>} command @returns {boolean} whether anything changed */
  put(command) {
    const held = this.pending.get(command.id);
    if (held && command.version < held.version) return false;
    if (command.status === "pending_approval") {
      this.pending.set(command.id, command);
      return true;
    }
    return this.pending.delete(command.id);
  }

  render() {
    const commands = [...this.pending.values()].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
    for (const [id, item] of this.items) {
      if (!this.pending.has(id)) {
        item.remove();
        this.items.delete(id);
      }
    }
    let previous = null;
    for (const command of commands) {
      let item = this.items.get(command.id);
      if (!item) {
        item = this.itemOf(command);
        this.items.set(command.id, item);
      }
      if (previous === null ? this.list.firstElementChild !== item : previous.nextElementSibling !== item)
        previous === null ? this.list.prepend(item) : previous.after(item);
      previous = item;
    }
    const n = commands.length;
    this.count.textContent = n === 0 ? "Nothing awaits approval." : `${n} awaiting approval`;
  }

  /** @param {Record<string, any>} command */
  itemOf(command) {
    const mine = command.submittedBy === this.user.name;
    const label = `${command.name} ${command.id.slice(-8)}`;
    const approve = h("button", {
      type: "button",
      class: "button-primary",
      "data-approve": command.id,
      "aria-label": `Approve ${label}`,
      text: "Approve",
    });
    const reason = h("input", {
      id: `reject-reason-${command.id}`,
      name: "reason",
      maxlength: "1000",
      autocomplete: "off",
      "aria-describedby": `reject-reason-${command.id}-error`,
    });
    const reasonError = h("p", {
      id: `reject-reason-${command.id}-error`,
      class: "field-error",
      hidden: true,
    });
    const reject = h("button", {
      type: "submit",
      class: "button-secondary",
      "aria-label": `Reject ${label}`,
      text: "Reject",
    });
    const rejectForm = h(
      "form",
      { class: "reject-form", novalidate: true },
      h(
        "div",
        { class: "field" },
        h("label", { for: reason.id, text: `Reason to reject ${command.name}` }),
        reason,
        reasonError,
      ),
      reject,
    );
    approve.addEventListener("click", () =>
      this.approve(command, /** @type {HTMLButtonElement} */ (approve)),
    );
    rejectForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.reject(
        command,
        /** @type {HTMLInputElement} */ (reason),
        reasonError,
        /** @type {HTMLButtonElement} */ (reject),
      );
    });
    return h(
      "li",
      { class: "approval", "data-id": command.id },
      h(
        "p",
        { class: "approval-what" },
        h("a", { href: `#/commands/${command.id}`, class: "command-name", text: command.name }),
        ` to ${command.spacecraftId}`,
        command.hazardous ? h("span", { class: "badge badge-hazardous", text: "hazardous" }) : "",
      ),
      h(
        "p",
        { class: "approval-meta muted" },
        `by ${command.submittedBy ?? "unknown"} · `,
        timeElement(command.createdAt),
      ),
      Object.keys(command.args ?? {}).length > 0
        ? h("pre", { class: "args", text: JSON.stringify(command.args) })
        : "",
      mine
        ? h("p", {
            class: "hint",
            "data-own-command": true,
            text: "You submitted it: another approver must approve it.",
          })
        : approve,
      rejectForm,
    );
  }

  /**
   * @param {Record<string, any>} command
   * @param {HTMLButtonElement} button
   */
  async approve(command, button) {
    button.disabled = true;
    this.showError("");
    try {
      const approved = await api.approve(command.id);
      this.onCommand(approved);
      this.onChanged(approved);
      this.notify(`Approved ${command.name}: ${approved.status}.`);
    } catch (error) {
      button.disabled = false;
      this.showError(`Cannot approve ${command.name}: ${this.explain(error)}`);
      this.refresh(command.id);
    }
  }

  /**
   * @param {Record<string, any>} command
   * @param {HTMLInputElement} input
   * @param {HTMLElement} slot
   * @param {HTMLButtonElement} button
   */
  async reject(command, input, slot, button) {
    const reason = input.value.trim();
    const fieldError = (message) => {
      slot.textContent = message;
      slot.hidden = message === "";
      if (message === "") input.removeAttribute("aria-invalid");
      else input.setAttribute("aria-invalid", "true");
    };
    if (reason === "") {
      fieldError("Say why it is rejected.");
      input.focus();
      return;
    }
    fieldError("");
    this.showError("");
    button.disabled = true;
    try {
      const rejected = await api.reject(command.id, reason);
      this.onCommand(rejected);
      this.onChanged(rejected);
      this.notify(`Rejected ${command.name}.`);
    } catch (error) {
      button.disabled = false;
      const field =
        error instanceof ApiError ? error.fieldErrors.find((e) => e.field === "reason") : undefined;
      if (field) fieldError(field.message);
      else this.showError(`Cannot reject ${command.name}: ${this.explain(error)}`);
      this.refresh(command.id);
    }
  }

  /** @param {unknown} error */
  explain(error) {
    if (!(error instanceof ApiError)) return String(error);
    if (error.problem.code === "self_approval") return "you submitted it; another approver must approve it.";
    if (error.status === 409) return `it is already ${error.currentStatus ?? "decided"}.`;
    return error.message;
  }

  /** After a refusal, reads the command again so that the panel shows what won. @param {string} id */
  async refresh(id) {
    try {
      const command = await api.get(id);
      this.onCommand(command);
      this.onChanged(command);
    } catch {
      // The stream brings the command's next change anyway.
    }
  }

  /** @param {string} message empty to clear */
  showError(message) {
    this.error.textContent = message;
    this.error.hidden = message === "";
  }
}
