import type { DispatchField, DispatchOrder } from "@uplink/core";

/** The `telecommands` column of each field a dispatch order may sort on. */
const COLUMNS: Readonly<Record<DispatchField, string>> = {
  priority: "priority",
  createdAt: "created_at",
  id: "id",
};

/**
 * Core's dispatch order as SQL sort keys (`priority DESC, created_at, id` for SPEC §2's), for an
 * `ORDER BY` (with the table's alias) and for the columns of the claim's indexes (without), so
 * that the statement and its index are written from the one declaration the in-memory adapter
 * and the sender run.
 *
 * @example
 * dispatchSortKeys(DEFAULT_DISPATCH_ORDER, "t"); // "t.priority DESC, t.created_at, t.id"
 */
export function dispatchSortKeys(order: DispatchOrder, alias?: string): string {
  const prefix = alias ? `${alias}.` : "";
  return order.keys
    .map((key) => `${prefix}${COLUMNS[key.field]}${key.direction === "desc" ? " DESC" : ""}`)
    .join(", ");
}
