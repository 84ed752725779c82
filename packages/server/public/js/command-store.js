import { FrameFlush } from "./frame-flush.js";

/**
 * The commands this tab knows, newest first, kept current by the event stream. A command's
 * `version` grows with every applied transition, so an older snapshot (a page fetched before an
 * event, a replayed event) never overwrites a newer one.
 */

/** Newest first: by creation time, then by id (UUIDv7 ids grow with time). */
function newerFirst(a, b) {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/**
 * @typedef {object} StoreChange
 * @property {string[]} ids Commands inserted or updated, newest first.
 * @property {boolean} reset True when the whole list was replaced.
 */

/** Holds commands by id and in display order; listeners hear about changes in batches. */
export class CommandStore {
  constructor() {
    /** @type {Map<string, Record<string, any>>} */
    this.byId = new Map();
    /** @type {Record<string, any>[]} newest first */
    this.order = [];
    /** Cursor of the next older page; null when everything older is loaded. */
    this.nextCursor = null;
    /** @type {Set<(change: StoreChange) => void>} */
    this.listeners = new Set();
    /** @type {Set<string>} */
    this.pending = new Set();
    this.frame = new FrameFlush(() => {
      const ids = [...this.pending];
      this.pending.clear();
      this.emit({ ids, reset: false });
    });
  }

  /** @param {(change: StoreChange) => void} listener */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @param {string} id */
  get(id) {
    return this.byId.get(id) ?? null;
  }

  /** Forgets every command (the store now follows another spacecraft). */
  clear() {
    this.byId.clear();
    this.order = [];
    this.nextCursor = null;
    this.pending.clear();
    this.emit({ ids: [], reset: true });
  }

  /** Replaces everything with a first page. */
  reset(items, nextCursor) {
    const events = this.order.filter((c) => c._live);
    this.byId.clear();
    this.order = [];
    this.nextCursor = nextCursor ?? null;
    for (const command of items) this.insert(command);
    // Commands that arrived on the stream while the page was loading are kept if they are newer.
    for (const command of events) this.put(command, true);
    this.pending.clear();
    this.emit({ ids: [], reset: true });
  }

  /** Adds an older page below what is loaded. */
  appendPage(items, nextCursor) {
    for (const command of items) {
      if (this.byId.has(command.id)) {
        this.put(command, false);
      } else {
        this.insert(command);
        this.pending.add(command.id);
      }
    }
    this.nextCursor = nextCursor ?? null;
    this.schedule();
  }

  /**
   * Takes a snapshot from the API or the stream; ignored when it is not newer than what is held.
   * @param {Record<string, any>} command
   * @param {boolean} [live] true when it came from the event stream
   * @returns {boolean} whether anything changed
   */
  put(command, live = false) {
    const held = this.byId.get(command.id);
    if (held) {
      if (command.version <= held.version) return false;
      const next = { ...command, _live: held._live || live };
      this.byId.set(command.id, next);
      this.order[this.indexOf(held)] = next;
    } else {
      // A command older than the oldest loaded one belongs to a page not fetched yet.
      const oldest = this.order[this.order.length - 1];
      if (this.nextCursor !== null && oldest && newerFirst(command, oldest) > 0) return false;
      this.insert({ ...command, _live: live });
    }
    this.pending.add(command.id);
    this.schedule();
    return true;
  }

  /** @param {Record<string, any>} command */
  insert(command) {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newerFirst(this.order[mid], command) < 0) low = mid + 1;
      else high = mid;
    }
    this.order.splice(low, 0, command);
    this.byId.set(command.id, command);
  }

  /** @param {Record<string, any>} command */
  indexOf(command) {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const cmp = newerFirst(this.order[mid], command);
      if (cmp === 0) return mid;
      if (cmp < 0) low = mid + 1;
      else high = mid;
    }
    return this.order.findIndex((c) => c.id === command.id);
  }

  /** Tells the listeners of every change since the last time, once per frame. */
  schedule() {
    this.frame.request();
  }

  /** @param {StoreChange} change */
  emit(change) {
    for (const listener of this.listeners) listener(change);
  }
}
