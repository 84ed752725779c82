import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeadlineQueue } from "../../src/services/deadline-queue.js";

describe("DeadlineQueue", () => {
  it("pops deadlines in order, whatever order they were pushed and popped in", () => {
    const op = fc.oneof(
      fc.integer({ min: 0, max: 1000 }).map((at) => ({ push: at })),
      fc.constant({ push: null }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const queue = new DeadlineQueue();
        const model: number[] = [];
        ops.forEach((o, i) => {
          if (o.push !== null) {
            queue.push(o.push, `c${i}`);
            model.push(o.push);
            model.sort((a, b) => a - b);
          } else {
            expect(queue.peekAt()).toBe(model.shift() ?? Number.POSITIVE_INFINITY);
            queue.pop();
          }
          expect(queue.size).toBe(model.length);
          expect(queue.peekAt()).toBe(model[0] ?? Number.POSITIVE_INFINITY);
        });
      }),
    );
  });
});
