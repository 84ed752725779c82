/**
 * Shows one of the page's views (`<main data-view=…>`) and marks its link in the navigation as
 * the current page.
 */
export class ViewSwitch {
  constructor() {
    /** @type {HTMLElement[]} */
    this.views = [...document.querySelectorAll("main[data-view]")];
    /** @type {HTMLElement[]} */
    this.links = [...document.querySelectorAll("[data-view-link]")];
    this.current = "commands";
  }

  /**
   * @param {string} name
   * @returns {boolean} whether another view was shown before
   */
  show(name) {
    const changed = this.current !== name;
    this.current = name;
    document.body.dataset.view = name;
    for (const view of this.views) view.hidden = view.dataset.view !== name;
    // A spacecraft's view belongs to the fleet.
    const section = name === "spacecraft" ? "fleet" : name;
    for (const link of this.links) {
      if (link.dataset.viewLink === section) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    return changed;
  }
}
