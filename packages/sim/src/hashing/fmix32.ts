/**
 * MurmurHash3's 32-bit finaliser: spreads every input bit over the whole word, so that the
 * simulator's hash lanes (trace and downlink frames) end in well-mixed digests.
 */
export function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
