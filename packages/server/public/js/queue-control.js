import { ApiError, api } from "./api-client.js";
import { h } from "./format.js";

/** SPEC §10's queue states, with what the button says and what each means. */
const STATES = [
  ["open", "Open queue", "commands are sent"],
  ["held", "Hold queue", "commands are accepted and wait; nothing is sent"],
  ["closed", "Close queue", "new submissions are refused; queued ones wait"],
];

/**
 * A spacecraft's queue state (`open`, `held`, `closed`) and, for approvers and admins, the
 * buttons that set it (`POST /api/spacecraft/:id/queue`). Other roles see the state only.
 */
export class QueueControl {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container
   * @param {boolean} options.mayChange whether the signed-in role may set queue states
   * @param {(spacecraft: Record<string, any>) => void} options.onChanged the spacecraft as the server answered
   * @param {(message: string) => void} options.notify
   */
  constructor({ container, mayChange, onChanged, notify }) {
    this.container = container;
    this.mayChange = mayChange;
    this.onChanged = onChanged;
    this.notify = notify;
    /** @type {string | null} */
    this.id = null;
    this.error = h("p", { class: "error", role: "alert", hidden: true });
  }

  /**
   * Shows the queue of this spacecraft (again, after any change of it).
   * @param {Record<string, any>} spacecraft
   */
  show(spacecraft) {
    if (this.id !== spacecraft.id) this.showError("");
    this.id = spacecraft.id;
    const state = spacecraft.queue ?? "open";
    const meaning = STATES.find(([value]) => value === state)?.[2] ?? "";
    const summary = h(
      "p",
      { class: "queue-state", "data-queue": state },
      "Queue ",
      h("strong", { class: `badge badge-queue-${state}`, text: state }),
      meaning ? `: ${meaning}.` : "",
    );
    if (!this.mayChange) {
      this.container.replaceChildren(summary);
      return;
    }
    const buttons = h("div", { class: "queue-buttons", role: "group", "aria-label": "Queue state" });
    for (const [value, label] of STATES) {
      const button = /** @type {HTMLButtonElement} */ (
        h("button", {
          type: "button",
          class: "button-secondary",
          "data-queue-state": value,
          "aria-pressed": String(value === state),
          disabled: value === state,
          text: label,
        })
      );
      button.addEventListener("click", () => this.set(spacecraft.id, value, button));
      buttons.append(button);
    }
    this.container.replaceChildren(summary, buttons, this.error);
  }

  /**
   * @param {string} id
   * @param {string} state
   * @param {HTMLButtonElement} button
   */
  async set(id, state, button) {
    button.disabled = true;
    this.showError("");
    try {
      const spacecraft = await api.setQueue(id, state);
      this.onChanged(spacecraft);
      this.notify(`The queue of ${id} is now ${spacecraft.queue}.`);
    } catch (error) {
      button.disabled = false;
      const why = error instanceof ApiError && error.status === 403 ? "your role may not." : error.message;
      this.showError(`Cannot set the queue of ${id} to ${state}: ${why}`);
    }
  }

  /** @param {string} message empty to clear */
  showError(message) {
    this.error.textContent = message;
    this.error.hidden = message === "";
  }
}
