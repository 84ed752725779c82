/**
 * Errors shown beside form fields: each control `#X` has a `#X-error` slot, and a control with
 * an error is `aria-invalid`. Shared by the console's forms.
 */

/**
 * @param {ParentNode} root
 * @param {string} controlId
 * @param {string} message empty to clear
 */
export function setFieldError(root, controlId, message) {
  const control = root.querySelector(`#${CSS.escape(controlId)}`);
  const slot = root.querySelector(`#${CSS.escape(`${controlId}-error`)}`);
  if (!control || !slot) return false;
  slot.textContent = message;
  /** @type {HTMLElement} */ (slot).hidden = message === "";
  if (message === "") control.removeAttribute("aria-invalid");
  else control.setAttribute("aria-invalid", "true");
  return true;
}

/**
 * Clears every field error under `root`.
 * @param {ParentNode} root
 */
export function clearFieldErrors(root) {
  for (const control of root.querySelectorAll("[aria-invalid=true]")) control.removeAttribute("aria-invalid");
  for (const slot of root.querySelectorAll(".field-error")) {
    slot.textContent = "";
    /** @type {HTMLElement} */ (slot).hidden = true;
  }
}

/** @param {ParentNode} root */
export function focusFirstError(root) {
  /** @type {HTMLElement | null} */ (root.querySelector("[aria-invalid=true]"))?.focus();
}

/** A message as a sentence: capitalised. */
export function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
