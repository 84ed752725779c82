import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultLifecycle } from "../../src/lifecycle/default-lifecycle.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import { FAILURE_REASONS, type FailureReason } from "../../src/types.js";
import { pusLifecycle } from "./pus-lifecycle.js";

const lifecycles = [new Lifecycle(defaultLifecycle), new Lifecycle(pusLifecycle)];

describe.each(lifecycles.map((l) => [l.definition.id, l] as const))(
  "the %s lifecycle's fast path",
  (_, lifecycle) => {
    const events = [...lifecycle.events, "UNKNOWN_EVENT"];

    it("equals the XState machine for every state and event", () => {
      for (const status of lifecycle.statuses) {
        for (const failureReason of [null, ...FAILURE_REASONS] as (FailureReason | null)[]) {
          for (const type of events) {
            const event = { type, reason: "because" };
            expect(lifecycle.step(status, failureReason, event), `${status} + ${type}`).toEqual(
              lifecycle.stepWithMachine(status, failureReason, event),
            );
            expect(lifecycle.step(status, failureReason, { type })).toEqual(
              lifecycle.stepWithMachine(status, failureReason, { type }),
            );
          }
        }
      }
    });

    it("equals the machine along random event sequences", () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...events), { maxLength: 12 }), (types) => {
          let fast = { status: lifecycle.initial, failureReason: null as FailureReason | null };
          let slow = { ...fast };
          for (const type of types) {
            const a = lifecycle.step(fast.status, fast.failureReason, { type });
            const b = lifecycle.stepWithMachine(slow.status, slow.failureReason, { type });
            expect(a).toEqual(b);
            if (a) fast = { status: a.to, failureReason: a.failureReason };
            if (b) slow = { status: b.to, failureReason: b.failureReason };
          }
        }),
      );
    });
  },
);
