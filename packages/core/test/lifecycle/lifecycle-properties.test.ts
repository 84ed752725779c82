import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createActor, transition } from "xstate";
import { LifecycleDefinitionError } from "../../src/errors.js";
import { defaultLifecycle } from "../../src/lifecycle/default-lifecycle.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import {
  defineLifecycle,
  isFinalKind,
  type LifecycleDefinition,
  type TransitionDefinition,
} from "../../src/lifecycle/lifecycle-definition.js";
import type { FailureReason } from "../../src/types.js";
import { pusLifecycle } from "./pus-lifecycle.js";

const lifecycles = [new Lifecycle(defaultLifecycle), new Lifecycle(pusLifecycle)];

interface Walk {
  readonly status: string;
  readonly failureReason: FailureReason | null;
}

describe.each(lifecycles.map((l) => [l.definition.id, l] as const))(
  "the %s lifecycle machine",
  (_, lifecycle) => {
    const eventArb = fc.record(
      {
        type: fc.constantFrom(...lifecycle.events, "UNKNOWN_EVENT"),
        reason: fc.constantFrom("late", "operator said so"),
      },
      { requiredKeys: ["type"] },
    );
    const sequences = fc.array(eventArb, { maxLength: 25 });
    const rank = (status: string) => lifecycle.state(status).rank;

    it("absorbs every later event once final", () => {
      fc.assert(
        fc.property(sequences, (events) => {
          let walk: Walk = { status: lifecycle.initial, failureReason: null };
          let finalAt: Walk | null = null;
          for (const event of events) {
            const step = lifecycle.stepWithMachine(walk.status, walk.failureReason, event);
            if (finalAt) expect(step).toBeNull();
            if (step) walk = { status: step.to, failureReason: step.failureReason };
            if (lifecycle.isFinal(walk.status)) finalAt ??= walk;
          }
          if (finalAt) expect(walk).toEqual(finalAt);
        }),
      );
    });

    it("never lowers the rank, and sets a failure reason exactly on failed states", () => {
      fc.assert(
        fc.property(sequences, (events) => {
          let walk: Walk = { status: lifecycle.initial, failureReason: null };
          for (const event of events) {
            const step = lifecycle.stepWithMachine(walk.status, walk.failureReason, event);
            if (!step) continue;
            expect(rank(step.to)).toBeGreaterThan(rank(walk.status));
            walk = { status: step.to, failureReason: step.failureReason };
            expect(walk.failureReason !== null).toBe(lifecycle.kindOf(walk.status) === "failed");
          }
        }),
      );
    });

    it("applies CANCEL only from a queued state, always into a cancelled one", () => {
      fc.assert(
        fc.property(sequences, (events) => {
          let walk: Walk = { status: lifecycle.initial, failureReason: null };
          for (const event of [...events, { type: "CANCEL" }]) {
            if (event.type === "CANCEL") {
              const cancelled = lifecycle.stepWithMachine(walk.status, walk.failureReason, event);
              expect(cancelled !== null).toBe(lifecycle.kindOf(walk.status) === "queued");
              if (cancelled) expect(lifecycle.kindOf(cancelled.to)).toBe("cancelled");
            }
            const step = lifecycle.stepWithMachine(walk.status, walk.failureReason, event);
            if (step) walk = { status: step.to, failureReason: step.failureReason };
          }
        }),
      );
    });

    it("agrees with a running XState actor, whose final snapshot absorbs every later event", () => {
      fc.assert(
        fc.property(sequences, (events) => {
          const actor = createActor(lifecycle.machine).start();
          let snapshot = actor.getSnapshot();
          let walk: Walk = { status: lifecycle.initial, failureReason: null };
          for (const event of events) {
            if (snapshot.status === "done") {
              // A stopped actor takes no events; ask the pure transition function instead.
              const [next] = transition(lifecycle.machine, snapshot, event);
              expect(next.value).toBe(snapshot.value);
              expect(next.context).toEqual(snapshot.context);
            } else {
              actor.send(event);
              snapshot = actor.getSnapshot();
            }
            const step = lifecycle.stepWithMachine(walk.status, walk.failureReason, event);
            if (step) walk = { status: step.to, failureReason: step.failureReason };
            expect(snapshot.value).toBe(walk.status);
            expect(snapshot.context.failureReason).toBe(walk.failureReason);
            expect(snapshot.status === "done").toBe(lifecycle.isFinal(walk.status));
          }
          actor.stop();
        }),
      );
    });
  },
);

describe("defineLifecycle", () => {
  const base: LifecycleDefinition = pusLifecycle;
  const states = Object.keys(base.states);
  const stateArb = fc.constantFrom(...states);
  const finals = states.filter((s) => isFinalKind(base.states[s]?.kind ?? "queued"));
  const nonQueued = states.filter((s) => base.states[s]?.kind !== "queued");
  const failing = states.filter((s) => base.states[s]?.kind === "failed");

  const withExtra = (extra: TransitionDefinition): LifecycleDefinition => ({
    ...base,
    id: "mutant",
    transitions: [...base.transitions, extra],
  });
  const rejects = (definition: LifecycleDefinition) => {
    expect(() => defineLifecycle(definition)).toThrow(LifecycleDefinitionError);
  };

  it("accepts the default and PUS lifecycles unchanged", () => {
    expect(defineLifecycle(defaultLifecycle)).toBe(defaultLifecycle);
    expect(defineLifecycle(pusLifecycle)).toBe(pusLifecycle);
  });

  it("rejects a transition that regresses or stays at the same rank", () => {
    fc.assert(
      fc.property(stateArb, stateArb, (from, to) => {
        const a = base.states[from];
        const b = base.states[to];
        fc.pre(a !== undefined && b !== undefined && !isFinalKind(a.kind) && b.rank <= a.rank);
        rejects(withExtra({ event: "BACK", from: [from], to, failureReason: "rejected" }));
      }),
    );
  });

  it("rejects a transition that leaves a final state", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...finals),
        stateArb,
        fc.string({ minLength: 1, maxLength: 8 }),
        (from, to, event) => {
          rejects(withExtra({ event, from: [from], to, failureReason: "rejected" }));
        },
      ),
    );
  });

  it("rejects CANCEL from a state that is not queued", () => {
    fc.assert(
      fc.property(fc.constantFrom(...nonQueued), (from) => {
        rejects(withExtra({ event: "CANCEL", from: [from], to: "cancelled" }));
      }),
    );
  });

  it("rejects a transition into a failed state without a failure reason", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...failing),
        fc.constantFrom("transmitted", "acknowledged", "started"),
        (to, from) => {
          rejects(withExtra({ event: "BREAK", from: [from], to }));
        },
      ),
    );
  });

  it("rejects unknown states, a non-queued initial state and an event that leads two ways", () => {
    rejects(withExtra({ event: "GO", from: ["queued"], to: "nowhere" }));
    rejects(withExtra({ event: "GO", from: ["nowhere"], to: "executed" }));
    rejects({ ...base, initial: "transmitted" });
    rejects({ ...base, initial: "missing" });
    rejects(withExtra({ event: "TRANSMIT", from: ["queued"], to: "acknowledged" }));
  });

  it("names the lifecycle in the error", () => {
    expect(() =>
      defineLifecycle(withExtra({ event: "CANCEL", from: ["transmitted"], to: "cancelled" })),
    ).toThrow(expect.objectContaining({ code: "invalid_lifecycle", details: { lifecycle: "mutant" } }));
  });
});
