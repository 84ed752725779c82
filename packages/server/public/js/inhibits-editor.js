import { ApiError, api } from "./api-client.js";
import { clearFieldErrors, sentence, setFieldError } from "./field-errors.js";
import { h } from "./format.js";

/** Splits `A, B C` into names, without blanks or repeats. */
function names(text) {
  return [...new Set(text.split(/[\s,]+/).filter((name) => name !== ""))];
}

/**
 * A spacecraft's inhibits (`GET`/`PUT /api/spacecraft/:id/inhibits`): what is inhibited now, and
 * a form that replaces the set. Categories are offered as checkboxes (the mission dictionary's
 * and those already inhibited), other categories and commands as comma-separated names. A 400
 * is shown beside the field it names; a 403 (a role that may not, once sign-in lands) says so.
 */
export class InhibitsEditor {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container
   * @param {import("./dictionary-cache.js").DictionaryCache} options.dictionaries
   * @param {(message: string) => void} options.onSaved
   */
  constructor({ container, dictionaries, onSaved }) {
    this.container = container;
    this.dictionaries = dictionaries;
    this.onSaved = onSaved;
    /** @type {string | null} */
    this.id = null;
    /** @type {{categories: string[], commands: string[]}} */
    this.current = { categories: [], commands: [] };
    /** @type {Record<string, any> | null} */
    this.dictionary = null;
  }

  /**
   * @param {string} id
   * @param {string | null} mission
   */
  async open(id, mission) {
    this.id = id;
    this.container.replaceChildren(h("p", { class: "muted", text: "Loading…" }));
    try {
      const [inhibits, dictionary] = await Promise.all([
        api.inhibits(id),
        this.dictionaries.get(mission).catch(() => null),
      ]);
      if (this.id !== id) return;
      this.current = { categories: inhibits.categories ?? [], commands: inhibits.commands ?? [] };
      this.dictionary = dictionary;
      this.render();
    } catch (error) {
      if (this.id === id)
        this.container.replaceChildren(
          h("p", { class: "error", text: `Inhibits unavailable: ${error.message}` }),
        );
    }
  }

  close() {
    this.id = null;
  }

  /** The dictionary's categories, then any other already inhibited. */
  categories() {
    const known = [...new Set((this.dictionary?.commands ?? []).map((c) => c.category))].sort();
    return [...known, ...this.current.categories.filter((c) => !known.includes(c))];
  }

  render() {
    const { categories, commands } = this.current;
    const summary =
      categories.length === 0 && commands.length === 0
        ? "Nothing is inhibited."
        : [
            categories.length > 0 ? `Categories: ${categories.join(", ")}.` : "",
            commands.length > 0 ? `Commands: ${commands.join(", ")}.` : "",
          ]
            .join(" ")
            .trim();
    const offered = this.categories();
    const boxes = offered.map((category, i) =>
      h(
        "label",
        { class: "check" },
        h("input", {
          type: "checkbox",
          name: "category",
          value: category,
          id: `inhibit-category-${i}`,
          checked: categories.includes(category),
        }),
        ` ${category}`,
      ),
    );
    const form = h(
      "form",
      { class: "inhibits-form needs-approve", novalidate: true },
      h(
        "fieldset",
        { id: "i-categories", "aria-describedby": "i-categories-error" },
        h("legend", { text: "Inhibited categories" }),
        boxes.length > 0 ? h("div", { class: "checks" }, ...boxes) : null,
        h("label", {
          for: "i-other-categories",
          text: offered.length > 0 ? "Other categories" : "Categories",
        }),
        h("input", {
          id: "i-other-categories",
          autocomplete: "off",
          spellcheck: "false",
          "aria-describedby": "i-names-hint",
        }),
        h("p", { id: "i-categories-error", class: "field-error", hidden: true }),
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "i-commands", text: "Inhibited commands" }),
        h("input", {
          id: "i-commands",
          autocomplete: "off",
          spellcheck: "false",
          value: commands.join(", "),
          "aria-describedby": "i-names-hint i-commands-error",
        }),
        h("p", { id: "i-names-hint", class: "hint", text: "Names separated by commas or spaces." }),
        h("p", { id: "i-commands-error", class: "field-error", hidden: true }),
      ),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "submit", class: "button-primary", text: "Save inhibits" }),
      ),
      h("p", { class: "form-error", "data-inhibits-error": true, role: "alert", hidden: true }),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save(/** @type {HTMLFormElement} */ (form));
    });
    this.container.replaceChildren(
      h("p", { class: "inhibits-summary", "data-inhibits": true, text: summary }),
      form,
      h("p", { class: "muted for-non-approvers", text: "Only approvers may change inhibits." }),
    );
  }

  /** @param {HTMLFormElement} form */
  async save(form) {
    const id = this.id;
    if (id === null) return;
    clearFieldErrors(form);
    const summary = /** @type {HTMLElement} */ (form.querySelector("[data-inhibits-error]"));
    summary.hidden = true;
    const checked = [...form.querySelectorAll("input[name=category]:checked")].map(
      (box) => /** @type {HTMLInputElement} */ (box).value,
    );
    const other = names(/** @type {HTMLInputElement} */ (form.querySelector("#i-other-categories")).value);
    const body = {
      categories: [...new Set([...checked, ...other])],
      commands: names(/** @type {HTMLInputElement} */ (form.querySelector("#i-commands")).value),
    };
    const button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
    button.disabled = true;
    try {
      const saved = await api.putInhibits(id, body);
      if (this.id !== id) return;
      this.current = { categories: saved.categories ?? [], commands: saved.commands ?? [] };
      this.render();
      this.onSaved(`Inhibits of ${id} saved.`);
    } catch (error) {
      button.disabled = false;
      const problem = error instanceof ApiError ? error : new ApiError(0, { detail: String(error) });
      for (const { field, message } of problem.fieldErrors) {
        const control = field.startsWith("commands")
          ? "i-commands"
          : field.startsWith("categories")
            ? "i-categories"
            : null;
        if (control) setFieldError(form, control, sentence(message));
      }
      summary.textContent =
        problem.status === 403
          ? "Not saved: only approvers may change inhibits."
          : `Not saved: ${problem.message}.`;
      summary.hidden = false;
    }
  }
}
