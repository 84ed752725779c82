import {
  DEFAULT_DISPATCH_ORDER,
  defaultLifecycle,
  defineLifecycle,
  dispatchOrderOf,
  Lifecycle,
} from "@uplink/core";
import { describe, expect, it } from "vitest";
import { QueueLayout } from "../../../src/adapters/postgres/queue-layout.js";
import { dispatchSortKeys } from "../../../src/adapters/postgres/sql/dispatch-order-sql.js";

/** The default lifecycle with `ready` renamed, and a second queued state `held` before it. */
function lifecycleQueuedAs(initial: string, extra?: string): Lifecycle {
  const rename = (s: string) => (s === "ready" ? initial : s);
  const states: Record<string, (typeof defaultLifecycle.states)[keyof typeof defaultLifecycle.states]> = {};
  for (const [name, state] of Object.entries(defaultLifecycle.states)) states[rename(name)] = state;
  if (extra) states[extra] = { kind: "queued", rank: 0 };
  return new Lifecycle(
    defineLifecycle({
      id: `queued-as-${initial}`,
      initial,
      states,
      transitions: defaultLifecycle.transitions.map((t) => ({
        ...t,
        from: t.from.map(rename),
        to: rename(t.to),
      })),
    }),
  );
}

describe("QueueLayout", () => {
  it("writes the lifecycle's queued states as the predicate, one as `=`, several as `IN`", () => {
    expect(new QueueLayout().predicate("t.status")).toBe("t.status = 'ready'");
    expect(new QueueLayout({ lifecycle: lifecycleQueuedAs("waiting", "held") }).predicate("status")).toBe(
      "status IN ('held', 'waiting')",
    );
  });

  it("binds statuses other than its queue's, which no partial index serves", () => {
    const layout = new QueueLayout({ lifecycle: lifecycleQueuedAs("waiting", "held") });
    expect(layout.condition("status", ["waiting", "held"])).toEqual({
      sql: "status IN ('held', 'waiting')",
      bindings: [],
      literal: true,
    });
    expect(layout.condition("status", ["waiting"])).toEqual({
      sql: "status = ANY(?::text[])",
      bindings: [["waiting"]],
      literal: false,
    });
  });

  it("names its indexes after the lifecycle and the order, so that another of either gets its own", () => {
    const names = (layout: QueueLayout) => layout.indexes().map((index) => index.name);
    const standard = names(new QueueLayout());
    expect(names(new QueueLayout())).toEqual(standard);
    expect(names(new QueueLayout({ lifecycle: lifecycleQueuedAs("waiting") }))).not.toEqual(standard);
    const fifo = dispatchOrderOf([{ field: "createdAt", direction: "asc" }]);
    expect(names(new QueueLayout({ dispatchOrder: fifo }))).not.toEqual(standard);
    for (const name of standard) expect(name.length).toBeLessThanOrEqual(63);
  });

  it("refuses a queued state whose name could not be written into SQL as it is", () => {
    expect(() => new QueueLayout({ lifecycle: lifecycleQueuedAs("it's") })).toThrow(/queued status names/);
    expect(() => new QueueLayout({ lifecycle: lifecycleQueuedAs("why?") })).toThrow(/queued status names/);
  });
});

describe("dispatchSortKeys", () => {
  it("writes core's dispatch order as sort keys, with or without the table's alias", () => {
    expect(dispatchSortKeys(DEFAULT_DISPATCH_ORDER, "t")).toBe("t.priority DESC, t.created_at, t.id");
    expect(dispatchSortKeys(dispatchOrderOf([{ field: "createdAt", direction: "desc" }]))).toBe(
      "created_at DESC, id",
    );
  });
});
