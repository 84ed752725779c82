import { api } from "./api-client.js";
import { formatCountdown, formatTime } from "./format.js";

const REFRESH_MS = 60_000;
const COVER_RETRY_MS = 2_000;

/**
 * @typedef {object} ContactView
 * @property {string} spacecraftId
 * @property {number | null} start epoch ms; null when unbounded (always in contact) or none planned
 * @property {number | null} end epoch ms; null when unbounded
 * @property {boolean} planned false when the plan has no window left
 * @property {string | null} station
 * @property {number | null} nextStart when the window after this one opens, if the plan says
 */

/**
 * @typedef {object} ContactState
 * @property {boolean} open in contact now
 * @property {string} countdown `LOS in 3:12`, `AOS in 45 s`, `continuous`, …
 * @property {string | null} window the window's times and station, when it is bounded
 */

/**
 * One spacecraft of `GET /api/contacts`: `{spacecraftId, inContact, windows: [{start, end, station}]}`,
 * the current window first; unbounded ends are null.
 * @param {Record<string, any>} item
 * @returns {ContactView}
 */
function toView(item) {
  const [window, following] = Array.isArray(item.windows) ? item.windows : [];
  const instant = (value) => (value === null || value === undefined ? null : Date.parse(value));
  return {
    spacecraftId: String(item.spacecraftId),
    start: window ? instant(window.start) : null,
    end: window ? instant(window.end) : null,
    planned: window !== undefined,
    station: window?.station ?? null,
    nextStart: following ? instant(following.start) : null,
  };
}

/**
 * The current or next contact window of every spacecraft (`GET /api/contacts`), and a tick each
 * second for the countdowns that show it. Countdowns run on the server's clock (its `now`
 * corrects this machine's offset); the plan is read again when a window opens or closes, once a
 * minute, and when the fleet changes.
 */
export class ContactSchedule {
  constructor() {
    /** @type {Map<string, ContactView>} */
    this.views = new Map();
    this.loadedAt = 0;
    /** Server time minus local time, in ms. */
    this.offset = 0;
    this.failed = false;
    /** @type {Set<() => void>} */
    this.listeners = new Set();
    this.refreshing = null;
    /** @type {() => Iterable<string>} the spacecraft the page knows, which the plan should cover */
    this.expected = () => [];
  }

  /** @param {() => void} listener called after each load and each second */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start() {
    this.refresh();
    window.setInterval(() => this.tick(), 1000);
  }

  /** The server's time now, in epoch ms. */
  now() {
    return Date.now() + this.offset;
  }

  /** Reads the plan again; concurrent calls share one request. */
  refresh() {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Reads the plan again if it does not know one of these spacecraft yet (one just registered
   * may reach the plan a moment after its event); at most every few seconds.
   * @param {Iterable<string>} ids
   */
  cover(ids) {
    // After a failed read the minute's refresh retries; this one is for a plan that lags.
    if (this.failed || Date.now() - this.loadedAt < COVER_RETRY_MS) return;
    for (const id of ids) {
      if (!this.views.has(id)) {
        this.refresh();
        return;
      }
    }
  }

  async load() {
    this.loadedAt = Date.now();
    try {
      const body = await api.contacts();
      const serverNow = Date.parse(body.now);
      if (!Number.isNaN(serverNow)) this.offset = serverNow - Date.now();
      this.views = new Map((body.items ?? []).map((item) => [String(item.spacecraftId), toView(item)]));
      this.failed = false;
    } catch {
      this.failed = true;
    }
    this.emit();
  }

  tick() {
    const now = this.now();
    const loaded = this.loadedAt + this.offset;
    // Refetch once a window has opened or closed since the last load, and once a minute anyway.
    const crossed = [...this.views.values()].some(
      (v) => (v.start !== null && v.start > loaded && v.start <= now) || (v.end !== null && v.end <= now),
    );
    if (crossed || Date.now() - this.loadedAt > REFRESH_MS) this.refresh();
    else {
      this.cover(this.expected());
      this.emit();
    }
  }

  emit() {
    for (const listener of this.listeners) listener();
  }

  /** @returns {ContactView[]} sorted by spacecraft id */
  list() {
    return [...this.views.values()];
  }

  /**
   * Where a spacecraft stands now, in words; null when the plan does not know it (yet).
   * @param {string} spacecraftId
   * @returns {ContactState | null}
   */
  stateOf(spacecraftId) {
    const v = this.views.get(spacecraftId);
    return v ? describeContact(v, this.now()) : null;
  }
}

/**
 * @param {ContactView} v
 * @param {number} now
 * @returns {ContactState}
 */
export function describeContact(v, now) {
  const open = v.planned && (v.start === null || v.start <= now) && (v.end === null || now < v.end);
  let text;
  if (!v.planned) text = "no contact planned";
  else if (open && v.start === null && v.end === null) text = "continuous";
  else if (open) text = v.end === null ? "no LOS planned" : `LOS in ${formatCountdown(v.end - now)}`;
  else text = `AOS in ${formatCountdown((v.start ?? now) - now)}`;
  const clock = (ms) => (ms === null ? "…" : formatTime(new Date(ms).toISOString()));
  const bounded = v.planned && (v.start !== null || v.end !== null);
  const then = open && v.nextStart !== null ? ` · next AOS in ${formatCountdown(v.nextStart - now)}` : "";
  return {
    open,
    countdown: text + then,
    window: bounded ? `${clock(v.start)} → ${clock(v.end)}${v.station ? ` via ${v.station}` : ""}` : null,
  };
}
