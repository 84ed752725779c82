import { IdColumn } from "./id-column.js";
import { StringIndex } from "./string-index.js";

const RECENT = 8192;

/**
 * What the invariant checker remembers per command, as columns of typed arrays indexed by the
 * order of submission: a million commands cost tens of megabytes, not hundreds.
 */
export class CommandTable {
  size = 0;
  readonly ids: IdColumn;
  spacecraft: Uint16Array;
  status: Uint8Array;
  seq: Uint32Array;
  /** Outcome reported by the spacecraft: 0 none, 1 executed, 2 execution failed, 3 rejected. */
  outcome: Uint8Array;
  uplinks: Uint8Array;
  executions: Uint8Array;
  lastAt: Float64Array;
  notBefore: Float64Array;
  notAfter: Float64Array;
  /** NaN until transmitted. */
  transmittedAt: Float64Array;
  /** NaN until final. */
  finalAt: Float64Array;
  private readonly index: StringIndex;
  /** The rows made room for at first. */
  readonly capacity: number;
  // The records of a command come close together (submission, transmission, reports), while
  // the index of a long run holds a million ids and a lookup in it misses the CPU caches: a
  // table of recent ids, placed by their last four characters (random in a UUID), answers most
  // lookups first.
  private readonly recentIds: (string | null)[] = new Array<string | null>(RECENT).fill(null);
  private readonly recentRows = new Int32Array(RECENT);

  // The records of one command often follow each other: the last id answers by reference.
  private lastId: string | null = null;
  private lastRow = -1;

  /** @param expectedCommands how many commands to make room for at once (more are added as needed). */
  constructor(expectedCommands?: number) {
    const rows =
      expectedCommands !== undefined && Number.isFinite(expectedCommands) && expectedCommands >= 1
        ? Math.min(Math.ceil(expectedCommands), 2 ** 28)
        : 1024;
    this.ids = new IdColumn(rows);
    this.index = new StringIndex((row, key) => this.ids.is(row, key), rows);
    this.capacity = rows;
    this.spacecraft = new Uint16Array(rows);
    this.status = new Uint8Array(rows);
    this.seq = new Uint32Array(rows);
    this.outcome = new Uint8Array(rows);
    this.uplinks = new Uint8Array(rows);
    this.executions = new Uint8Array(rows);
    this.lastAt = new Float64Array(rows);
    this.notBefore = new Float64Array(rows);
    this.notAfter = new Float64Array(rows);
    this.transmittedAt = new Float64Array(rows);
    this.finalAt = new Float64Array(rows);
  }

  /** The row of a command, or -1. */
  rowOf(id: string): number {
    if (id === this.lastId) return this.lastRow;
    const row = this.lookUp(id);
    if (row >= 0) {
      this.lastId = id;
      this.lastRow = row;
    }
    return row;
  }

  private lookUp(id: string): number {
    const slot = recentSlot(id);
    if (this.recentIds[slot] === id) return this.recentRows[slot] as number;
    const row = this.index.get(id);
    if (row >= 0) {
      this.recentIds[slot] = id;
      this.recentRows[slot] = row;
    }
    return row;
  }

  /** Adds a command; returns its row, or -1 when the id already has one (it is left as it was). */
  add(id: string): number {
    if (this.size === this.status.length) this.grow();
    const row = this.size;
    // The index reads the id at its row: it is stored first (a known id's row is not taken).
    this.ids.set(row, id);
    if (this.index.addIfAbsent(id, row) >= 0) return -1;
    this.size++;
    const slot = recentSlot(id);
    this.recentIds[slot] = id;
    this.recentRows[slot] = row;
    this.lastId = id;
    this.lastRow = row;
    this.transmittedAt[row] = Number.NaN;
    this.finalAt[row] = Number.NaN;
    return row;
  }

  private grow(): void {
    const n = this.status.length * 2;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.spacecraft = grow(this.spacecraft, (k) => new Uint16Array(k));
    this.status = grow(this.status, (k) => new Uint8Array(k));
    this.seq = grow(this.seq, (k) => new Uint32Array(k));
    this.outcome = grow(this.outcome, (k) => new Uint8Array(k));
    this.uplinks = grow(this.uplinks, (k) => new Uint8Array(k));
    this.executions = grow(this.executions, (k) => new Uint8Array(k));
    this.lastAt = grow(this.lastAt, (k) => new Float64Array(k));
    this.notBefore = grow(this.notBefore, (k) => new Float64Array(k));
    this.notAfter = grow(this.notAfter, (k) => new Float64Array(k));
    this.transmittedAt = grow(this.transmittedAt, (k) => new Float64Array(k));
    this.finalAt = grow(this.finalAt, (k) => new Float64Array(k));
  }
}

function recentSlot(id: string): number {
  const n = id.length;
  if (n < 4) return n;
  const h = ((id.charCodeAt(n - 1) * 31 + id.charCodeAt(n - 2)) * 31 + id.charCodeAt(n - 3)) * 31;
  return (h + id.charCodeAt(n - 4)) & (RECENT - 1);
}
