/** Formatting shared by the console's views. All times are shown in UTC, as operations use. */

const pad = (n, width = 2) => String(n).padStart(width, "0");

/**
 * A wire instant (RFC 3339) as `HH:MM:SS` (`HH:MM:SS.mmm` when precise), with the date in front
 * when it is not today (UTC).
 * @param {string | null | undefined} iso
 * @param {boolean} [precise]
 */
export function formatTime(iso, precise = false) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const millis = precise ? `.${pad(date.getUTCMilliseconds(), 3)}` : "";
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${millis}`;
  const today = new Date().toISOString().slice(0, 10);
  const day = date.toISOString().slice(0, 10);
  return day === today ? time : `${day} ${time}`;
}

/**
 * A wire instant in full, to the millisecond: `2025-01-02 03:04:05.678Z`.
 * @param {string | null | undefined} iso
 */
export function formatInstant(iso) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().replace("T", " ");
}

/**
 * A span of time as a countdown: `45 s`, `12:03` (min:s), `1:02:03`, `2 d 03:04:05`.
 * @param {number} ms
 */
export function formatCountdown(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} d ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (hours > 0) return `${hours}:${pad(minutes)}:${pad(seconds)}`;
  if (minutes > 0) return `${minutes}:${pad(seconds)}`;
  return `${seconds} s`;
}

/**
 * Creates an element with attributes and children, the console's only DOM helper.
 * @param {string} tag
 * @param {Record<string, string | boolean | number | undefined | null>} [attributes]
 * @param {...(Node | string | null | undefined | false)} children
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") element.textContent = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * A `<time>` element showing {@link formatTime} with the full instant in its title.
 * @param {string | null | undefined} iso
 * @param {boolean} [precise]
 */
export function timeElement(iso, precise = false) {
  if (!iso) return h("span", { class: "muted", text: "—" });
  return h("time", { datetime: iso, title: formatInstant(iso), text: formatTime(iso, precise) });
}
