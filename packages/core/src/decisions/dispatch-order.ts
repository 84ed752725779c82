import type { Telecommand } from "../types.js";

/** A command field the dispatch order may sort on (each is fixed once a command is stored). */
export type DispatchField = "priority" | "createdAt" | "id";

/** One key of a dispatch order: a field and its direction. */
export interface DispatchKey {
  readonly field: DispatchField;
  readonly direction: "asc" | "desc";
}

/**
 * The order in which queued commands leave (SPEC §2), declared twice over: as `keys`, from
 * which a SQL adapter can build its `ORDER BY`, and as `compare`, which in-memory adapters and
 * the sender run. {@link dispatchOrderOf} builds an order whose two sides agree; a test checks
 * that {@link DEFAULT_DISPATCH_ORDER}'s hand-written comparator equals its keys'.
 */
export interface DispatchOrder {
  readonly keys: readonly DispatchKey[];
  /** Negative when `a` leaves before `b`, positive after, 0 only for the same command. */
  compare(a: DispatchOrderFields, b: DispatchOrderFields): number;
}

/** What the dispatch order reads of a command. */
export type DispatchOrderFields = Pick<Telecommand, DispatchField>;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * SPEC §2: highest priority first, then oldest, then by id (so that no two commands tie).
 * Written out by hand because the claim index and the sender call it on every comparison.
 */
export const DEFAULT_DISPATCH_ORDER: DispatchOrder = Object.freeze({
  keys: Object.freeze([
    { field: "priority", direction: "desc" },
    { field: "createdAt", direction: "asc" },
    { field: "id", direction: "asc" },
  ] as const),
  compare(a: DispatchOrderFields, b: DispatchOrderFields): number {
    return b.priority - a.priority || a.createdAt - b.createdAt || compareIds(a.id, b.id);
  },
});

/**
 * An order from its keys (ending on `id` if they do not, so that no two commands tie); its
 * comparator reads the keys in turn.
 *
 * @example
 * // Oldest first, whatever the priority.
 * const fifo = dispatchOrderOf([{ field: "createdAt", direction: "asc" }]);
 */
export function dispatchOrderOf(keys: readonly DispatchKey[]): DispatchOrder {
  const all = keys.some((k) => k.field === "id")
    ? [...keys]
    : [...keys, { field: "id", direction: "asc" } as const];
  return Object.freeze({
    keys: Object.freeze(all),
    compare(a: DispatchOrderFields, b: DispatchOrderFields): number {
      for (const { field, direction } of all) {
        const x = a[field];
        const y = b[field];
        const c = typeof x === "string" ? compareIds(x, y as string) : (x as number) - (y as number);
        if (c !== 0) return direction === "asc" ? c : -c;
      }
      return 0;
    },
  });
}

/**
 * {@link DEFAULT_DISPATCH_ORDER}'s comparator as a plain function, for `Array.prototype.sort`.
 *
 * @example
 * const inOrder = [...queued].sort(byDispatchOrder);
 */
export function byDispatchOrder(a: DispatchOrderFields, b: DispatchOrderFields): number {
  return DEFAULT_DISPATCH_ORDER.compare(a, b);
}
