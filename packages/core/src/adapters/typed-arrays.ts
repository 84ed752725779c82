/** The typed arrays the in-memory adapters keep their columns in. */
type Column = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** A copy of `column` of `length` elements (at least its own), the rest zero: a column that outgrew its room. */
export function widened<A extends Column>(column: A, length: number): A {
  const wider = new (column.constructor as new (length: number) => A)(Math.max(length, column.length));
  wider.set(column);
  return wider;
}
