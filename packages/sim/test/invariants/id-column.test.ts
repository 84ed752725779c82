import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdColumn } from "../../src/invariants/id-column.js";

describe("IdColumn", () => {
  it("gives back every id it was given, UUIDs packed or any other string, through its growth", () => {
    const anyId = fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 40 }),
      // Almost UUIDs: upper case, a missing dash, a digit too many.
      fc.uuid().map((u) => u.toUpperCase()),
      fc.uuid().map((u) => u.replace("-", "x")),
      fc.uuid().map((u) => `${u}0`),
    );
    fc.assert(
      fc.property(fc.array(anyId, { maxLength: 200 }), (ids) => {
        const column = new IdColumn(2);
        for (const [row, id] of ids.entries()) column.set(row, id);
        ids.forEach((id, row) => {
          expect(column.at(row)).toBe(id);
          expect(column.is(row, id)).toBe(true);
        });
        ids.forEach((id, row) => {
          const other = ids[(row + 1) % ids.length] as string;
          expect(column.is(row, other)).toBe(other === id);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a row's id when it is written again in another form", () => {
    const column = new IdColumn(1);
    column.set(0, "not-a-uuid");
    column.set(0, "0192d3a4-5b6c-7d8e-9fa0-b1c2d3e4f506");
    expect(column.at(0)).toBe("0192d3a4-5b6c-7d8e-9fa0-b1c2d3e4f506");
    column.set(0, "again-not");
    expect(column.at(0)).toBe("again-not");
    expect(column.is(0, "0192d3a4-5b6c-7d8e-9fa0-b1c2d3e4f506")).toBe(false);
  });
});
