/**
 * A map from strings to rows (non-negative integers) for a million command ids: open
 * addressing over typed arrays. A `Map` pays about a microsecond per new id at that size
 * (growing and rehashing its tables); this pays a hash of the string and, mostly, one cache
 * miss: each slot keeps the string's hash beside its row, so the key itself is read only when
 * the hashes match.
 */
export class StringIndex {
  private keys: (string | undefined)[];
  /** Per slot: the key's hash, then its row plus one (0: empty). */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Array<string | undefined>(size);
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
      if (slots[2 * i] === h && this.keys[i] === key) return row - 1;
    }
  }

  /** Adds `key` at `row` unless it is there; returns the row it had, or -1 when it is new. */
  addIfAbsent(key: string, row: number): number {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const h = hashOf(key);
    const { slots, mask } = this;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const stored = slots[2 * i + 1] as number;
      if (stored === 0) break;
      if (slots[2 * i] === h && this.keys[i] === key) return stored - 1;
    }
    this.keys[i] = key;
    slots[2 * i] = h;
    slots[2 * i + 1] = row + 1;
    this.count++;
    return -1;
  }

  private grow(): void {
    const { keys, slots } = this;
    const size = keys.length * 2;
    this.keys = new Array<string | undefined>(size);
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let j = 0; j < keys.length; j++) {
      const stored = slots[2 * j + 1] as number;
      if (stored === 0) continue;
      const h = slots[2 * j] as number;
      let i = h & this.mask;
      while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = keys[j];
      this.slots[2 * i] = h;
      this.slots[2 * i + 1] = stored;
    }
  }
}

/**
 * FNV-1a over the code units two at a time (half the multiplications in series), finished with
 * a murmur mix so that the low bits spread.
 */
function hashOf(s: string): number {
  const n = s.length;
  let h = 0x811c9dc5 ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
  if (i < n) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
