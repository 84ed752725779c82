import { h } from "./format.js";

/** The side panel listing each spacecraft's contact state and countdown, from the schedule. */
export class ContactsPanel {
  /**
   * @param {HTMLElement} list the `<ul>` to fill
   * @param {import("./contact-schedule.js").ContactSchedule} schedule
   */
  constructor(list, schedule) {
    this.list = list;
    this.schedule = schedule;
    this.known = "";
    schedule.subscribe(() => this.render());
  }

  render() {
    const views = this.schedule.list();
    this.fillSpacecraftOptions(views.map((v) => v.spacecraftId));
    if (views.length === 0) {
      const text = this.schedule.failed ? "Contact plan unavailable." : "No spacecraft known yet.";
      this.list.replaceChildren(h("li", { class: "muted", text }));
      return;
    }
    this.list.replaceChildren(...views.map((v) => this.item(v.spacecraftId)));
  }

  /**
   * Offers the known spacecraft in the form's Spacecraft field.
   * @param {string[]} ids
   */
  fillSpacecraftOptions(ids) {
    const key = ids.join("\n");
    if (key === this.known) return;
    this.known = key;
    const options = document.getElementById("spacecraft-options");
    options?.replaceChildren(...ids.map((id) => h("option", { value: id })));
  }

  /** @param {string} spacecraftId */
  item(spacecraftId) {
    const state = /** @type {import("./contact-schedule.js").ContactState} */ (
      this.schedule.stateOf(spacecraftId)
    );
    return h(
      "li",
      {
        class: state.open ? "contact open" : "contact",
        "data-spacecraft": spacecraftId,
        "data-in-contact": state.open,
      },
      h("a", {
        class: "contact-sc",
        href: `#/spacecraft/${encodeURIComponent(spacecraftId)}`,
        text: spacecraftId,
      }),
      h("span", {
        class: state.open ? "contact-state in" : "contact-state",
        text: state.open ? "● in contact" : "○ no contact",
      }),
      h("span", { class: "contact-countdown", text: state.countdown }),
      state.window ? h("span", { class: "contact-window muted", text: state.window }) : null,
    );
  }
}
