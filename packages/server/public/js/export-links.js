import { api } from "./api-client.js";
import { h } from "./format.js";

/**
 * Links that download the commands a list shows, with its filters, as CSV or NDJSON
 * (`GET /api/telecommands/export`, SPEC §10). The session cookie authenticates the download;
 * the server names the file (`Content-Disposition: attachment`).
 */
export class ExportLinks {
  /**
   * @param {HTMLElement} container
   * @param {string} what what the links export, for their accessible names ("all commands")
   */
  constructor(container, what) {
    this.csv = /** @type {HTMLAnchorElement} */ (
      h("a", { class: "button-link", "data-export": "csv", download: "", text: "Export CSV" })
    );
    this.ndjson = /** @type {HTMLAnchorElement} */ (
      h("a", { class: "button-link", "data-export": "ndjson", download: "", text: "Export NDJSON" })
    );
    container.replaceChildren(h("span", { class: "export-links" }, this.csv, " ", this.ndjson));
    this.setFilters({}, what);
  }

  /**
   * Points the links at the export of these filters.
   * @param {{status?: string, spacecraftId?: string}} filters
   * @param {string} what
   */
  setFilters(filters, what) {
    this.csv.href = api.exportUrl("csv", filters);
    this.ndjson.href = api.exportUrl("ndjson", filters);
    this.csv.setAttribute("aria-label", `Export ${what} as CSV`);
    this.ndjson.setAttribute("aria-label", `Export ${what} as NDJSON`);
  }
}
