import { ApiError, api } from "./api-client.js";
import { sentence } from "./field-errors.js";
import { h } from "./format.js";

/** SPEC §10's longest comment. */
export const MAX_COMMENT_LENGTH = 1000;

/**
 * The form that adds a comment to a command's history (`POST /api/telecommands/:id/comments`).
 * Too long or empty text is caught beside the field before anything is sent; the server's 400
 * on `text` lands in the same place. The comment itself shows up in the timeline from the event
 * stream, as in every other open page.
 */
export class CommentForm {
  /**
   * @param {object} options
   * @param {string} options.commandId
   * @param {(entry: Record<string, any>) => void} options.onAdded the new history entry
   */
  constructor({ commandId, onAdded }) {
    this.commandId = commandId;
    this.onAdded = onAdded;
    this.input = /** @type {HTMLTextAreaElement} */ (
      h("textarea", {
        id: "comment-text",
        name: "text",
        rows: "2",
        "aria-describedby": "comment-text-hint comment-text-error",
      })
    );
    this.error = h("p", { id: "comment-text-error", class: "field-error", hidden: true });
    this.button = /** @type {HTMLButtonElement} */ (
      h("button", { type: "submit", class: "button-secondary", text: "Add comment" })
    );
    this.form = /** @type {HTMLFormElement} */ (
      h(
        "form",
        { class: "comment-form", novalidate: true },
        h(
          "div",
          { class: "field" },
          h("label", { for: "comment-text", text: "Comment" }),
          this.input,
          h("p", {
            id: "comment-text-hint",
            class: "hint",
            text: `${MAX_COMMENT_LENGTH} characters at most.`,
          }),
          this.error,
        ),
        h("div", { class: "form-actions" }, this.button),
      )
    );
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
  }

  /** @param {string} message empty to clear */
  showError(message) {
    this.error.textContent = message;
    this.error.hidden = message === "";
    if (message === "") this.input.removeAttribute("aria-invalid");
    else this.input.setAttribute("aria-invalid", "true");
  }

  async send() {
    const text = this.input.value;
    if (text.trim() === "") return this.refuse("Write a comment first.");
    if (text.length > MAX_COMMENT_LENGTH)
      return this.refuse(`At most ${MAX_COMMENT_LENGTH} characters (this one has ${text.length}).`);
    this.showError("");
    this.button.disabled = true;
    try {
      const entry = await api.comment(this.commandId, text);
      this.input.value = "";
      this.onAdded(entry);
    } catch (error) {
      const field = error instanceof ApiError ? error.fieldErrors.find((e) => e.field === "text") : undefined;
      this.refuse(field ? sentence(field.message) : `Cannot add the comment: ${error.message}`);
    } finally {
      this.button.disabled = false;
    }
  }

  /** @param {string} message */
  refuse(message) {
    this.showError(message);
    this.input.focus();
  }
}
