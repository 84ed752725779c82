/**
 * Messages for the operator: a visible notice line (polite live region), a visible alert line
 * (assertive) and an off-screen announcer for status changes screen-reader users should hear.
 */

const CLEAR_AFTER_MS = 8000;

/** @type {Map<HTMLElement, number>} */
const timers = new Map();

/**
 * @param {HTMLElement | null} element
 * @param {string} message
 * @param {boolean} sticky
 */
function show(element, message, sticky) {
  if (!element) return;
  window.clearTimeout(timers.get(element));
  element.textContent = message;
  element.hidden = message === "";
  if (!sticky && message !== "") {
    timers.set(
      element,
      window.setTimeout(() => {
        element.textContent = "";
        element.hidden = true;
      }, CLEAR_AFTER_MS),
    );
  }
}

/**
 * Shows a short message to everyone (and reads it politely).
 * @param {string} message
 */
export function notify(message) {
  show(document.getElementById("notice"), message, false);
}

/**
 * Shows an error that needs attention now (read at once by screen readers).
 * @param {string} message
 */
export function alertError(message) {
  show(document.getElementById("alert"), message, false);
}

/**
 * Reads a message to screen-reader users without showing it.
 * @param {string} message
 */
export function announce(message) {
  const element = document.getElementById("announcer");
  if (!element) return;
  // Replacing the text node makes screen readers read a repeated message again.
  element.textContent = "";
  window.setTimeout(() => {
    element.textContent = message;
  }, 50);
}
