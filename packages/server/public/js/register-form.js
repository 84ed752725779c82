import { ApiError, api } from "./api-client.js";
import { clearFieldErrors, focusFirstError, sentence, setFieldError } from "./field-errors.js";
import { h } from "./format.js";

/** Which control each field of `POST /api/spacecraft` belongs to. */
const FIELD_CONTROLS = {
  id: "r-id",
  name: "r-name",
  mission: "r-mission",
  contacts: "r-contacts",
  uplinkUrl: "r-uplink-url",
};

/**
 * Registers a spacecraft (`POST /api/spacecraft`). The server's 400 and 409 problems are shown
 * beside the field they name; the form is cleared once the spacecraft is registered.
 */
export class RegisterForm {
  /**
   * @param {object} options
   * @param {HTMLFormElement} options.form
   * @param {(spacecraft: Record<string, any>) => void} options.onRegistered
   * @param {import("./fleet-store.js").FleetStore} options.fleet whose missions the Mission field offers
   */
  constructor({ form, onRegistered, fleet }) {
    this.form = form;
    const missions = /** @type {HTMLDataListElement | null} */ (document.getElementById("mission-options"));
    let offered = "";
    fleet.subscribe(() => {
      const names = fleet.missions();
      if (names.join("\n") === offered || !missions) return;
      offered = names.join("\n");
      missions.replaceChildren(...names.map((value) => h("option", { value })));
    });
    this.onRegistered = onRegistered;
    this.button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
    this.summary = /** @type {HTMLElement} */ (form.querySelector("[data-register-error]"));
    form.addEventListener("input", (event) => {
      const control = /** @type {HTMLElement} */ (event.target);
      if (control.id) setFieldError(form, control.id, "");
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
  }

  /** The request body: the fields filled in (empty ones are left to the server's defaults). */
  read() {
    /** @type {Record<string, string>} */
    const body = {};
    for (const [field, id] of Object.entries(FIELD_CONTROLS)) {
      const value = /** @type {HTMLInputElement} */ (this.form.querySelector(`#${id}`)).value.trim();
      if (value !== "" || field === "id") body[field] = value;
    }
    return body;
  }

  async send() {
    if (this.button.disabled) return;
    clearFieldErrors(this.form);
    this.summary.hidden = true;
    const body = this.read();
    if (body.id === "") {
      setFieldError(this.form, "r-id", "An id is required.");
      focusFirstError(this.form);
      return;
    }
    this.button.disabled = true;
    try {
      const spacecraft = await api.register(body);
      this.form.reset();
      this.onRegistered(spacecraft);
    } catch (error) {
      this.showProblem(error);
    } finally {
      this.button.disabled = false;
    }
  }

  /** @param {unknown} error */
  showProblem(error) {
    const problem = error instanceof ApiError ? error : new ApiError(0, { detail: String(error) });
    const general = [];
    for (const { field, message } of problem.fieldErrors) {
      const control = FIELD_CONTROLS[/** @type {keyof typeof FIELD_CONTROLS} */ (field)];
      if (!control || !setFieldError(this.form, control, sentence(message)))
        general.push(`${field}: ${message}`);
    }
    focusFirstError(this.form);
    const marked = this.form.querySelectorAll("[aria-invalid=true]").length > 0;
    this.summary.textContent = `Not registered: ${general.length > 0 ? general.join("; ") : marked ? "see the fields marked" : problem.message}.`;
    this.summary.hidden = false;
  }
}
