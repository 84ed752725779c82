/**
 * A map from strings to rows (non-negative integers) for a million command ids: open
 * addressing over typed arrays, each string's hash kept beside it. A `Map` pays about a
 * microsecond per new id at that size (growing and rehashing its tables); this pays a hash of
 * the string and a probe or two.
 */
export class StringIndex {
  private keys: (string | undefined)[];
  private hashes: Int32Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Array<string | undefined>(size);
    this.hashes = new Int32Array(size);
    this.rows = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The row of `key`, or -1. */
  get(key: string): number {
    const h = hashOf(key);
    const { keys, hashes, mask } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === undefined) return -1;
      if (hashes[i] === h && k === key) return this.rows[i] as number;
    }
  }

  /** Adds `key` at `row` unless it is there; returns the row it had, or -1 when it is new. */
  addIfAbsent(key: string, row: number): number {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const h = hashOf(key);
    const { keys, hashes, mask } = this;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === undefined) break;
      if (hashes[i] === h && k === key) return this.rows[i] as number;
    }
    keys[i] = key;
    hashes[i] = h;
    this.rows[i] = row;
    this.count++;
    return -1;
  }

  private grow(): void {
    const { keys, hashes, rows } = this;
    const size = keys.length * 2;
    this.keys = new Array<string | undefined>(size);
    this.hashes = new Int32Array(size);
    this.rows = new Int32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j];
      if (key === undefined) continue;
      const h = hashes[j] as number;
      let i = h & this.mask;
      while (this.keys[i] !== undefined) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.hashes[i] = h;
      this.rows[i] = rows[j] as number;
    }
  }
}

/** FNV-1a over the code units, finished with a murmur mix so that the low bits spread. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
