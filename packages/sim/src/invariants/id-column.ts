/**
 * Command ids by row, a canonical UUID (what core gives every command) as its 128 bits in four
 * words, any other id as its string. A million commands' UUID strings would take about 60 MB of
 * heap; their words take 16.
 */
export class IdColumn {
  private words: Uint32Array;
  /** Ids that are not canonical UUIDs, by row. */
  private readonly others = new Map<number, string>();

  constructor(rows: number) {
    this.words = new Uint32Array(rows * 4);
  }

  set(row: number, id: string): void {
    if (row * 4 >= this.words.length) {
      const wider = new Uint32Array(Math.max(this.words.length * 2, (row + 1) * 4));
      wider.set(this.words);
      this.words = wider;
    }
    if (!packUuid(id, this.words, row * 4)) this.others.set(row, id);
    else if (this.others.size > 0) this.others.delete(row);
  }

  /** The id at a row. */
  at(row: number): string {
    const other = this.others.get(row);
    if (other !== undefined) return other;
    const w = this.words;
    const hex = (i: number) => (w[row * 4 + i] as number).toString(16).padStart(8, "0");
    const a = hex(0);
    const b = hex(1);
    const c = hex(2);
    const d = hex(3);
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }

  /** Whether the id at a row is `id`. */
  is(row: number, id: string): boolean {
    if (this.others.size > 0) {
      const other = this.others.get(row);
      if (other !== undefined) return other === id;
    }
    if (!packUuid(id, SCRATCH, 0)) return false;
    const w = this.words;
    const at = row * 4;
    return (
      w[at] === SCRATCH[0] && w[at + 1] === SCRATCH[1] && w[at + 2] === SCRATCH[2] && w[at + 3] === SCRATCH[3]
    );
  }
}

const SCRATCH = new Uint32Array(4);

/**
 * Writes a lowercase canonical UUID's 32 hex digits into four words at `at`; false (and
 * nothing trustworthy written) for any other string, so that each id has one form only.
 */
function packUuid(id: string, into: Uint32Array, at: number): boolean {
  if (id.length !== 36) return false;
  let word = 0;
  let digits = 0;
  let out = at;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
      continue;
    }
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 97 && c <= 102) v = c - 87;
    else return false;
    word = (word << 4) | v;
    if (++digits === 8) {
      into[out++] = word >>> 0;
      word = 0;
      digits = 0;
    }
  }
  return true;
}
