import { DEFAULT_DISPATCH_ORDER, type DispatchOrder, Lifecycle } from "@uplink/core";
import { dispatchSortKeys } from "./sql/dispatch-order-sql.js";

/** What the queue's SQL is derived from: the lifecycle (its queued states) and the dispatch order. */
export interface QueueLayoutOptions {
  /** The lifecycle whose states of kind `queued` the sender claims from (default: core's default). */
  readonly lifecycle?: Lifecycle | undefined;
  /** The order claims take commands in (default {@link DEFAULT_DISPATCH_ORDER}, SPEC §2's). */
  readonly dispatchOrder?: DispatchOrder | undefined;
}

/** A `status` condition, with its bindings and whether the statement may be prepared. */
export interface StatusCondition {
  readonly sql: string;
  readonly bindings: string[][];
  /** True for the layout's own queue, written as literals that its partial indexes match. */
  readonly literal: boolean;
}

/** One partial index of the queue. */
export interface QueueIndex {
  readonly name: string;
  /** `CREATE INDEX IF NOT EXISTS …`. */
  readonly create: string;
}

/** Every queue index's name starts with it; {@link syncQueueIndexes} owns the indexes that do. */
export const QUEUE_INDEX_PREFIX = "telecommands_queue_";

// Statuses are written into statements and index predicates as literals: plain names only, so
// that no quote or `?` (the runner's placeholder) can reach the SQL text.
const PLAIN_STATUS = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * The claim queue's SQL, derived from the lifecycle's kinds and core's dispatch order rather
 * than written with the default lifecycle's names: the predicate `status IN (<queued states>)`
 * that the partial indexes and the claim, `spacecraftWithQueued` and `nextNotBefore`
 * statements share (a literal, so that even a prepared statement's generic plan can use the
 * indexes, which a bound status hides from it), the indexes' columns in dispatch order, and a
 * tag (a hash of both) naming the indexes and prepared statements, so that another lifecycle or
 * order gets indexes and statements of its own.
 */
export class QueueLayout {
  readonly statuses: readonly string[];
  readonly order: DispatchOrder;
  readonly tag: string;

  constructor(options: QueueLayoutOptions = {}) {
    const lifecycle = options.lifecycle ?? new Lifecycle();
    this.statuses = [...lifecycle.queuedStatuses].sort();
    for (const status of this.statuses) {
      if (!PLAIN_STATUS.test(status))
        throw new Error(
          `the PostgreSQL adapter needs queued status names of letters, digits, "_", "-" and "." (lifecycle "${lifecycle.definition.id}", status "${status}")`,
        );
    }
    this.order = options.dispatchOrder ?? DEFAULT_DISPATCH_ORDER;
    this.tag = fnv1a(`${this.statuses.join(",")}|${dispatchSortKeys(this.order)}`);
  }

  /** The queue's predicate on `column`: `= 'ready'` for one queued state, `IN (…)` for several. */
  predicate(column: string): string {
    const literals = this.statuses.map((s) => `'${s}'`);
    return literals.length === 1 ? `${column} = ${literals[0]}` : `${column} IN (${literals.join(", ")})`;
  }

  /**
   * The condition `column IN statuses`: the layout's {@link predicate} when `statuses` are its
   * queued states, else a bound array (correct, but no partial index serves it).
   */
  condition(column: string, statuses: readonly string[]): StatusCondition {
    if (this.isQueue(statuses)) return { sql: this.predicate(column), bindings: [], literal: true };
    return { sql: `${column} = ANY(?::text[])`, bindings: [statuses as string[]], literal: false };
  }

  /** The partial indexes that serve the queue: in dispatch order, per spacecraft, by `not_before`. */
  indexes(): QueueIndex[] {
    const where = this.predicate("status");
    const keys = dispatchSortKeys(this.order);
    const index = (kind: string, columns: string, predicate = where): QueueIndex => {
      const name = `${QUEUE_INDEX_PREFIX}${kind}_${this.tag}`;
      return {
        name,
        create: `CREATE INDEX IF NOT EXISTS ${name} ON telecommands (${columns}) WHERE ${predicate}`,
      };
    };
    return [
      index("dispatch", keys),
      index("spacecraft", `spacecraft_id, ${keys}`),
      index("not_before", "not_before", `${where} AND not_before IS NOT NULL`),
    ];
  }

  private isQueue(statuses: readonly string[]): boolean {
    if (statuses.length !== this.statuses.length) return false;
    return statuses.every((s) => this.statuses.includes(s));
  }
}

/** FNV-1a, 32 bits, as 8 hex digits: short enough for an index name (63 bytes at most). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
