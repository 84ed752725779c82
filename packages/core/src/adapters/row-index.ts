/**
 * A map from command ids to rows, for a million commands: open addressing over one typed array
 * of `(hash, row + 1)` pairs, the ids themselves staying in the caller's column (looked at only
 * when the hashes match). A `Map` costs several times the memory at that size, and a pause to
 * rehash each time it grows.
 */
export class RowIndex {
  /** Per slot: the key's hash, then its row plus one (0: empty). */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** @param idOf the id stored at a row; @param capacity ids to make room for at once. */
  constructor(
    private readonly idOf: (row: number) => string,
    capacity = 768,
  ) {
    let size = 1024;
    while (size * 3 < capacity * 4) size *= 2;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The row of `id`, or -1. */
  get(id: string): number {
    return this.getHashed(id, hashOf(id));
  }

  /** {@link get}, given `hashOf(id)`. */
  getHashed(id: string, h: number): number {
    const { slots, mask } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const stored = slots[2 * i + 1] as number;
      if (stored === 0) return -1;
      if (slots[2 * i] === h && this.idOf(stored - 1) === id) return stored - 1;
    }
  }

  /** Adds `id` at `row`, unless it is there; returns the row it had, or -1 when it is new. */
  addIfAbsent(id: string, row: number): number {
    // A load of at most three quarters keeps probes short.
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const h = hashOf(id);
    const { slots, mask } = this;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const stored = slots[2 * i + 1] as number;
      if (stored === 0) break;
      if (slots[2 * i] === h && this.idOf(stored - 1) === id) return stored - 1;
    }
    slots[2 * i] = h;
    slots[2 * i + 1] = row + 1;
    this.count++;
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(2 * size);
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
 * FNV-1a over the code units two at a time, finished with a murmur mix so that the low bits
 * spread. Only the last 16 are hashed: a UUIDv7 starts with its timestamp, shared by the ids of
 * one millisecond, and ends with random digits, and the ids are compared whole anyway.
 */
export function hashOf(s: string): number {
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
