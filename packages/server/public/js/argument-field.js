import { isRequired } from "./argument-rules.js";
import { h } from "./format.js";

/**
 * One typed field for a dictionary argument (SPEC §9): its label with the unit, a control that
 * fits its type, a hint with its range or rules and default, and a slot for its error.
 * @param {string} name
 * @param {Record<string, any>} definition
 * @param {string} id the control's id; the hint and error are `${id}-hint`, `${id}-error`
 */
export function argumentField(name, definition, id) {
  const unit = definition.unit ? ` (${definition.unit})` : "";
  const described = `${id}-hint ${id}-error`;
  let control;
  switch (definition.type) {
    case "integer":
    case "float":
      control = h("input", {
        type: "number",
        step: definition.type === "integer" ? "1" : "any",
        min: definition.min,
        max: definition.max,
        placeholder: definition.default === undefined ? undefined : String(definition.default),
      });
      break;
    case "enum":
      control = h(
        "select",
        {},
        isRequired(definition)
          ? h("option", { value: "", text: "Choose…" })
          : h("option", { value: "", text: leftOut(definition) }),
        ...(definition.values ?? []).map((value) => h("option", { value, text: value })),
      );
      break;
    case "boolean":
      // A choice rather than a checkbox: an unticked box cannot tell "false" from "not chosen".
      control = h(
        "select",
        {},
        h("option", { value: "", text: isRequired(definition) ? "Choose…" : leftOut(definition) }),
        h("option", { value: "true", text: "true" }),
        h("option", { value: "false", text: "false" }),
      );
      break;
    case "time":
      control = h("input", { type: "datetime-local", step: "1" });
      break;
    default:
      control = h("input", {
        autocomplete: "off",
        spellcheck: "false",
        placeholder: definition.default === undefined ? undefined : String(definition.default),
      });
  }
  control.id = id;
  control.dataset.argument = name;
  control.setAttribute("aria-describedby", described);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id, text: `${name}${unit}` }),
    control,
    h("p", { id: `${id}-hint`, class: "hint", text: describeArgument(definition) }),
    h("p", { id: `${id}-error`, class: "field-error", hidden: true }),
  );
}

/**
 * A control's value as the argument's type, or why it cannot be one.
 * @param {HTMLInputElement} control
 * @param {Record<string, any>} definition
 * @returns {{value?: unknown, error?: string}}
 */
export function readArgument(control, definition) {
  const raw = control.value;
  switch (definition.type) {
    case "integer":
    case "float":
      if (control.validity?.badInput)
        return { error: definition.type === "integer" ? "Must be an integer." : "Must be a number." };
      return { value: raw.trim() === "" ? undefined : Number(raw) };
    case "boolean":
      return { value: raw === "" ? undefined : raw === "true" };
    case "time": {
      if (raw === "") return { value: undefined };
      const date = new Date(`${raw}Z`);
      return Number.isNaN(date.getTime()) ? { value: raw } : { value: date.toISOString() };
    }
    default:
      return { value: raw === "" ? undefined : raw };
  }
}

/** What an option that leaves the argument out says. */
function leftOut(definition) {
  return definition.default === undefined ? "— (leave out)" : `default: ${definition.default}`;
}

/**
 * The hint under a field: its type, range or rules, unit, default and description.
 * @param {Record<string, any>} d
 */
export function describeArgument(d) {
  const parts = [];
  if (d.type === "integer" || d.type === "float") {
    const kind = d.type === "integer" ? "Whole number" : "Number";
    const unit = d.unit ? ` ${d.unit}` : "";
    if (d.min !== undefined && d.max !== undefined) parts.push(`${kind} from ${d.min} to ${d.max}${unit}`);
    else if (d.min !== undefined) parts.push(`${kind}, at least ${d.min}${unit}`);
    else if (d.max !== undefined) parts.push(`${kind}, at most ${d.max}${unit}`);
    else parts.push(`${kind}${unit ? ` in${unit}` : ""}`);
  } else if (d.type === "string") {
    const rules = [];
    if (d.maxLength !== undefined) rules.push(`at most ${d.maxLength} characters`);
    if (d.pattern !== undefined) rules.push(`matching ${d.pattern}`);
    parts.push(rules.length > 0 ? `Text, ${rules.join(", ")}` : "Text");
  } else if (d.type === "enum") {
    parts.push(`One of ${(d.values ?? []).join(", ")}`);
  } else if (d.type === "boolean") {
    parts.push("true or false");
  } else if (d.type === "time") {
    parts.push("UTC date and time");
  }
  if (d.default !== undefined)
    parts.push(`default ${d.default}${d.unit && typeof d.default === "number" ? ` ${d.unit}` : ""}`);
  else if (d.optional === true) parts.push("optional");
  if (d.description) parts.push(d.description);
  return `${parts.join("; ")}.`;
}
