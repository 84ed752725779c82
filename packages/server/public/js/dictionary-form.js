import { api } from "./api-client.js";
import { argumentField, readArgument } from "./argument-field.js";
import { compileArgument, isRequired } from "./argument-rules.js";
import { sentence } from "./field-errors.js";
import { h } from "./format.js";

const LOOKUP_DELAY_MS = 250;

/**
 * The dictionary part of the submit form. When the chosen spacecraft's mission has a
 * dictionary, it replaces the free name and JSON fields with a search, a list of the
 * dictionary's commands (grouped by category) and one typed field per argument of the chosen
 * command, with its unit, range and default; it reads and checks them with the dictionary's
 * rules (`argument-rules.js`) so that errors show beside the fields before anything is sent.
 * Without a dictionary, the free fields stay.
 */
export class DictionaryForm {
  /**
   * @param {object} options
   * @param {HTMLFormElement} options.form
   * @param {import("./fleet-store.js").FleetStore} options.fleet
   * @param {import("./dictionary-cache.js").DictionaryCache} options.dictionaries
   */
  constructor({ form, fleet, dictionaries }) {
    this.form = form;
    this.fleet = fleet;
    this.dictionaries = dictionaries;
    const part = (selector) => /** @type {any} */ (form.querySelector(selector));
    this.spacecraftField = /** @type {HTMLInputElement} */ (part("#f-spacecraft"));
    this.spacecraftHint = /** @type {HTMLElement} */ (part("[data-spacecraft-hint]"));
    this.block = /** @type {HTMLElement} */ (part("#dictionary-fields"));
    this.free = /** @type {HTMLElement} */ (part("#free-fields"));
    this.search = /** @type {HTMLInputElement} */ (part("#f-search"));
    this.select = /** @type {HTMLSelectElement} */ (part("#f-command"));
    this.commandHint = /** @type {HTMLElement} */ (part("#f-command-hint"));
    this.argumentsBox = /** @type {HTMLFieldSetElement} */ (part("#f-arguments"));
    this.fields = /** @type {HTMLElement} */ (part("[data-argument-fields]"));
    /** @type {Record<string, any> | null} the dictionary in use */
    this.dictionary = null;
    /** @type {Record<string, any> | null} the command chosen */
    this.command = null;
    /** @type {Map<string, {id: string, definition: Record<string, any>}>} argument controls by name */
    this.controls = new Map();
    this.timer = 0;
    this.lookup = 0;
    this.spacecraftField.addEventListener("input", () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.resolve(), LOOKUP_DELAY_MS);
    });
    this.spacecraftField.addEventListener("change", () => this.resolve());
    this.search.addEventListener("input", () => this.fillCommands());
    this.select.addEventListener("change", () => this.choose(this.select.value));
    // The fleet may load after the form: its missions decide which dictionary applies.
    fleet.subscribe((change) => {
      const id = this.spacecraftField.value.trim();
      if (change.reset || change.ids.includes(id)) this.resolve();
    });
  }

  /** Whether the dictionary fields are in use (else the free name and JSON arguments). */
  get active() {
    return this.dictionary !== null;
  }

  /** Finds the chosen spacecraft's mission and its dictionary, and shows the fields that fit. */
  async resolve() {
    window.clearTimeout(this.timer);
    const id = this.spacecraftField.value.trim();
    const lookup = ++this.lookup;
    let spacecraft = this.fleet.get(id);
    if (!spacecraft && id !== "" && this.fleet.loaded) {
      spacecraft = await api.spacecraft(id).catch(() => null);
    }
    const dictionary = spacecraft?.mission
      ? await this.dictionaries.get(spacecraft.mission).catch(() => null)
      : null;
    if (lookup !== this.lookup) return;
    this.use(dictionary, spacecraft?.mission ?? null);
  }

  /**
   * @param {Record<string, any> | null} dictionary
   * @param {string | null} mission
   */
  use(dictionary, mission) {
    if (dictionary === this.dictionary) return;
    this.dictionary = dictionary;
    this.block.hidden = dictionary === null;
    this.free.hidden = dictionary !== null;
    this.spacecraftHint.textContent =
      dictionary === null
        ? "Any well-formed command name."
        : `Commands of mission ${mission}'s dictionary (${dictionary.commands.length}).`;
    this.form.dataset.dictionary = dictionary === null ? "" : (mission ?? "");
    if (dictionary === null) {
      this.command = null;
      this.controls.clear();
      return;
    }
    const keep = this.command?.name;
    this.command = null;
    this.fillCommands(keep);
  }

  /**
   * Lists the commands whose name or category holds the search text, by category; keeps the
   * chosen one when it still matches, else chooses the first.
   * @param {string} [keep] the name to keep chosen
   */
  fillCommands(keep = this.command?.name) {
    if (!this.dictionary) return;
    const needle = this.search.value.trim().toLowerCase();
    const matches = this.dictionary.commands.filter(
      (c) =>
        needle === "" || c.name.toLowerCase().includes(needle) || c.category.toLowerCase().includes(needle),
    );
    /** @type {Map<string, Record<string, any>[]>} */
    const byCategory = new Map();
    for (const command of matches)
      byCategory.set(command.category, [...(byCategory.get(command.category) ?? []), command]);
    const groups = [...byCategory.keys()]
      .sort()
      .map((category) =>
        h(
          "optgroup",
          { label: category },
          ...(byCategory.get(category) ?? []).map((c) =>
            h("option", { value: c.name, text: c.hazardous ? `${c.name} (hazardous)` : c.name }),
          ),
        ),
      );
    this.select.replaceChildren(
      ...(groups.length > 0
        ? groups
        : [h("option", { value: "", disabled: true, text: "No command matches" })]),
    );
    const chosen = matches.find((c) => c.name === keep) ?? matches[0] ?? null;
    this.select.value = chosen?.name ?? "";
    if (chosen?.name !== this.command?.name || chosen === null) this.choose(chosen?.name ?? "");
  }

  /**
   * Shows the fields of one command.
   * @param {string} name
   */
  choose(name) {
    const command = this.dictionary?.commands.find((c) => c.name === name) ?? null;
    this.command = command;
    this.controls.clear();
    this.commandHint.textContent = command
      ? [
          command.description,
          `category ${command.category}`,
          command.hazardous ? "hazardous: waits for an approver before it is queued" : "",
        ]
          .filter(Boolean)
          .join(" · ")
      : "";
    const entries = Object.entries(command?.args ?? {});
    this.argumentsBox.hidden = entries.length === 0;
    this.fields.replaceChildren(...entries.map(([arg, definition], i) => this.field(arg, definition, i)));
  }

  /**
   * One typed field, remembered by argument name.
   * @param {string} name
   * @param {Record<string, any>} definition
   * @param {number} index
   */
  field(name, definition, index) {
    const id = `f-arg-${index}`;
    this.controls.set(name, { id, definition });
    return argumentField(name, definition, id);
  }

  /**
   * The name and arguments, or the errors to show beside the fields (by control id).
   * @returns {{name: string, args: Record<string, unknown>} | {errors: Record<string, string>}}
   */
  read() {
    if (!this.command) return { errors: { "f-command": "Choose a command." } };
    /** @type {Record<string, unknown>} */
    const args = {};
    /** @type {Record<string, string>} */
    const errors = {};
    for (const [name, { id, definition }] of this.controls) {
      const control = /** @type {HTMLInputElement} */ (this.form.querySelector(`#${id}`));
      const { value, error } = readArgument(control, definition);
      if (error) {
        errors[id] = error;
        continue;
      }
      if (value === undefined) {
        if (isRequired(definition)) errors[id] = "Is required.";
        continue;
      }
      const refusal = compileArgument(definition)(value);
      if (refusal) errors[id] = `${sentence(refusal.message)}.`;
      else args[name] = value;
    }
    if (Object.keys(errors).length > 0) return { errors };
    return { name: this.command.name, args };
  }

  /**
   * The control that shows a problem's field (`name`, `args.NAME`), when the dictionary is in use.
   * @param {string} field
   */
  controlFor(field) {
    if (!this.active) return null;
    if (field === "name") return "f-command";
    if (field === "args") return this.controls.size > 0 ? [...this.controls.values()][0].id : "f-command";
    if (field.startsWith("args.")) return this.controls.get(field.slice(5))?.id ?? "f-command";
    return null;
  }

  /** The ids of every control that may carry an error. */
  controlIds() {
    return ["f-command", ...[...this.controls.values()].map((c) => c.id)];
  }
}
