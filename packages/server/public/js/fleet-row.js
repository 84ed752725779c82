import { h, timeElement } from "./format.js";
import { healthBadge } from "./health-badge.js";
import { formatValue } from "./telemetry-format.js";

/** The parameters every spacecraft's row shows, when it sends them. */
const KEY_PARAMETERS = ["MODE", "BATT_V", "TEMP_C"];

/**
 * A fleet table row, empty: its name links to the spacecraft's view; the contact cells are
 * filled by the view each second.
 * @param {string} id
 */
export function createFleetRow(id) {
  const row = h("tr", { "data-spacecraft": id });
  const link = h("a", { href: `#/spacecraft/${encodeURIComponent(id)}`, class: "command-name" });
  row.append(
    h("td", {}, link, h("span", { class: "muted sc-id" })),
    h("td", { "data-cell": "mission" }),
    h("td", { "data-cell": "health" }),
    h("td", { "data-cell": "contact" }),
    h("td", { "data-cell": "countdown", class: "contact-countdown" }),
    ...KEY_PARAMETERS.map((name) => h("td", { "data-parameter": name, class: "num" })),
    h("td", { "data-cell": "last-frame" }),
    h("td", { "data-cell": "created" }),
  );
  return row;
}

/**
 * Fills a row with a spacecraft's name, mission, health, key values and times.
 * @param {HTMLTableRowElement} row
 * @param {Record<string, any>} s
 * @param {(parameter: string) => string | null} unitOf the unit of a parameter, when known
 */
export function fillFleetRow(row, s, unitOf) {
  const [who, mission, health] = row.cells;
  const link = /** @type {HTMLAnchorElement} */ (who.querySelector("a"));
  link.textContent = s.name || s.id;
  /** @type {HTMLElement} */ (who.querySelector(".sc-id")).textContent =
    s.name && s.name !== s.id ? ` ${s.id}` : "";
  mission.textContent = s.mission ?? "—";
  row.dataset.health = s.health;
  health.replaceChildren(healthBadge(s.health));
  for (const name of KEY_PARAMETERS) {
    const cell = /** @type {HTMLElement} */ (row.querySelector(`[data-parameter="${name}"]`));
    const sample = s.telemetry?.[name];
    cell.textContent = sample ? formatValue(sample.value, unitOf(name)) : "—";
    if (sample) cell.title = `${name} = ${sample.value} at ${sample.time} (seq ${sample.seq})`;
    else cell.removeAttribute("title");
  }
  const [, , , , , , , , lastFrame, created] = row.cells;
  lastFrame.replaceChildren(timeElement(s.lastFrameAt));
  created.replaceChildren(timeElement(s.createdAt));
}
