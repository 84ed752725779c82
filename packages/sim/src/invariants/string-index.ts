/**
 * A map from strings to rows (non-negative integers) for a million command ids: open
 * addressing over one typed array of `(hash, row + 1)` pairs, the strings themselves staying in
 * the caller's column (compared only when the hashes match). A `Map` pays about a microsecond per
 * new id at that size (growing and rehashing its tables), and several times the memory.
 */
export class StringIndex {
  /** Per slot: the key's hash, then its row plus one (0: empty). */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** @param isKeyAt whether the caller's column holds `key` at a row (a row is added here once it does). */
  constructor(
    private readonly isKeyAt: (row: number, key: string) => boolean,
    capacity = 1024,
  ) {
    let size = 16;
    while (size * 3 < capacity * 4) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The row of `key`, or -1. */
  get(key: string): number {
    const h = hashOf(key);
    const { slots, mask } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const row = slots[2 * i + 1] as number;
      if (row === 0) return -1;
      if (slots[2 * i] === h && this.isKeyAt(row - 1, key)) return row - 1;
    }
  }

  /** Adds `key` at `row` unless it is there; returns the row it had, or -1 when it is new. */
  addIfAbsent(key: string, row: number): number {
    // A load of at most three quarters keeps probes short.
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const h = hashOf(key);
    const { slots, mask } = this;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const stored = slots[2 * i + 1] as number;
      if (stored === 0) break;
      if (slots[2 * i] === h && this.isKeyAt(stored - 1, key)) return stored - 1;
    }
    slots[2 * i] = h;
    slots[2 * i + 1] = row + 1;
    this.count++;
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let j = 0; j < old.length; j += 2) {
      const stored = old[j + 1] as number;
      if (stored === 0) continue;
      const h = old[j] as number;
      let i = h & this.mask;
      while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.slots[2 * i] = h;
      this.slots[2 * i + 1] = stored;
    }
  }
}

/**
 * FNV-1a over the last 16 code units, two at a time, finished with a murmur mix so that the low
 * bits spread. A UUIDv7 starts with its millisecond, shared by the ids of one instant, and ends
 * with random digits; keys are compared whole anyway.
 */
function hashOf(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  let i = n > 16 ? n - 16 : 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
