import { ApiError, api } from "./api-client.js";
import { clearFieldErrors, focusFirstError, setFieldError } from "./field-errors.js";

/** Which form control each API field name belongs to. */
const FIELD_CONTROLS = {
  name: "f-name",
  args: "f-args",
  priority: "f-priority",
  spacecraftId: "f-spacecraft",
  notBefore: "f-not-before",
  notAfter: "f-not-after",
  approval: "f-approval",
};

/** Operator wording for the API's validation rules, by field and rule; others show the API's message. */
const RULE_MESSAGES = {
  "name:format": "Must start with a letter, then letters, digits, _ . or - (64 characters at most).",
  "name:pattern": "Must start with a letter, then letters, digits, _ . or - (64 characters at most).",
  "name:type": "A command name is required.",
  "args:type": 'Must be a JSON object, such as {"mode": "safe"}.',
  "priority:type": "Must be a whole number.",
};

/** The message to show for one field error of a problem. */
function describe(field, rule, message) {
  const text = RULE_MESSAGES[`${field}:${rule}`] ?? message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * For an unknown command name: the close names the server suggests.
 * @param {string} field
 * @param {Record<string, unknown>} problem
 */
function suggestionsOf(field, problem) {
  const names = Array.isArray(problem.suggestions) ? problem.suggestions : [];
  return field === "name" && names.length > 0 ? ` Did you mean ${names.join(", ")}?` : "";
}

/** A `datetime-local` value read as UTC (the console works in UTC) and written as RFC 3339. */
function utcInstant(value) {
  if (value === "") return undefined;
  const date = new Date(`${value}Z`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * The submit form. One Idempotency-Key per submission: kept while the same request is retried
 * (e.g. after the network failed), replaced when the form changes or the submission succeeded.
 * The button is disabled while a request is in flight and the second click of a double click is
 * ignored, so a double click sends one command.
 */
export class SubmitForm {
  /**
   * @param {object} options
   * @param {HTMLFormElement} options.form
   * @param {(command: Record<string, any>) => void} options.onSent
   * @param {() => void} [options.onSettled] after every answer, accepted or not
   * @param {import("./dictionary-form.js").DictionaryForm} [options.commandFields] the
   *   dictionary's fields, used instead of the free name and arguments when it is active
   */
  constructor({ form, onSent, onSettled, commandFields }) {
    this.form = form;
    this.commandFields = commandFields ?? null;
    this.onSent = onSent;
    this.onSettled = onSettled ?? (() => {});
    this.button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
    this.summary = /** @type {HTMLElement} */ (form.querySelector("[data-form-error]"));
    /** @type {string | null} */
    this.key = null;
    this.inFlight = false;
    form.addEventListener("input", (event) => {
      this.key = null;
      const control = /** @type {HTMLElement} */ (event.target);
      if (control.id) setFieldError(this.form, control.id, "");
    });
    this.button.addEventListener("click", (event) => {
      if (event.detail > 1) event.preventDefault();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
  }

  /**
   * Sets the Spacecraft field (from a spacecraft's view) and puts the cursor in the form.
   * @param {string} id
   */
  async chooseSpacecraft(id) {
    const field = /** @type {HTMLInputElement} */ (this.form.querySelector("#f-spacecraft"));
    field.value = id;
    this.key = null;
    await this.commandFields?.resolve();
    const first = this.commandFields?.active ? "#f-search" : "#f-name";
    /** @type {HTMLElement | null} */ (this.form.querySelector(first))?.focus();
  }

  /** Builds the request body, or reports the fields the browser can already tell are wrong. */
  read() {
    const get = (id) => /** @type {HTMLInputElement} */ (this.form.querySelector(`#${id}`));
    /** @type {Record<string, any>} */
    let body;
    if (this.commandFields?.active) {
      const checked = this.commandFields.read();
      if ("errors" in checked) return { errors: checked.errors };
      body = { name: checked.name, args: checked.args };
    } else {
      body = { name: get("f-name").value.trim() };
      const argsText = get("f-args").value.trim();
      if (argsText !== "") {
        try {
          body.args = JSON.parse(argsText);
        } catch (error) {
          return { errors: { "f-args": `Not valid JSON: ${error.message}` } };
        }
      }
    }
    const priority = get("f-priority");
    if (priority.validity.badInput) return { errors: { "f-priority": "Priority must be a whole number" } };
    if (priority.value !== "") body.priority = Number(priority.value);
    const spacecraft = get("f-spacecraft").value.trim();
    if (spacecraft !== "") body.spacecraftId = spacecraft;
    const notBefore = utcInstant(get("f-not-before").value);
    if (notBefore !== undefined) body.notBefore = notBefore;
    const notAfter = utcInstant(get("f-not-after").value);
    if (notAfter !== undefined) body.notAfter = notAfter;
    // The two-person rule on request (SPEC §10); unchecked leaves the field out, as `false` would.
    if (/** @type {HTMLInputElement} */ (get("f-approval")).checked) body.approval = true;
    return { body };
  }

  async send() {
    if (this.inFlight) return;
    this.clearErrors();
    const { body, errors } = this.read();
    if (errors) {
      for (const [id, message] of Object.entries(errors)) setFieldError(this.form, id, message);
      focusFirstError(this.form);
      return;
    }
    this.inFlight = true;
    this.button.disabled = true;
    this.button.setAttribute("aria-busy", "true");
    this.key ??= crypto.randomUUID();
    try {
      const command = await api.submit(body, this.key);
      this.key = null;
      this.onSent(command);
    } catch (error) {
      this.showProblem(error);
    } finally {
      this.inFlight = false;
      this.button.disabled = false;
      this.button.removeAttribute("aria-busy");
      this.onSettled();
    }
  }

  /** @param {unknown} error */
  showProblem(error) {
    if (!(error instanceof ApiError)) {
      this.summary.textContent = `Not sent: ${String(error)}`;
      this.summary.hidden = false;
      return;
    }
    // A rejected request can never succeed with the same key and body; only retries of
    // unanswered or unavailable requests keep the key.
    if (error.status >= 400 && error.status < 500) this.key = null;
    /** @type {string[]} */
    const marked = [];
    const general = [];
    for (const { field, rule, message } of error.fieldErrors) {
      const control = this.commandFields?.controlFor(field) ?? FIELD_CONTROLS[field.split(/[.[]/)[0]];
      if (control) {
        const slot = this.form.querySelector(`#${control}-error`);
        const text = describe(field, rule, message) + suggestionsOf(field, error.problem);
        setFieldError(this.form, control, slot?.textContent ? `${slot.textContent} ${text}` : text);
        marked.push(this.form.querySelector(`label[for=${control}]`)?.textContent?.trim() ?? field);
      } else {
        general.push(`${field}: ${message}`);
      }
    }
    if (marked.length > 0) focusFirstError(this.form);
    const retry = error.status === 0 || error.status >= 500 ? " Sending again is safe." : "";
    const parts = [];
    if (marked.length > 0) parts.push(`see ${marked.join(", ")}`);
    if (general.length > 0) parts.push(general.join("; "));
    if (parts.length === 0) parts.push(error.message + retry);
    this.summary.textContent = `Not sent: ${parts.join("; ")}.`.replace(/\.\.$/, ".");
    this.summary.hidden = false;
  }

  clearErrors() {
    clearFieldErrors(this.form);
    this.summary.textContent = "";
    this.summary.hidden = true;
  }
}
