import type { InProcessEventPublisher } from "@uplink/core";
import type { ChangeFeed } from "../adapters/postgres/change-feed.js";

// Local submissions remembered to recognise their NOTIFY echoes; far more than arrive in the
// time a notification takes to come back.
const REMEMBERED = 16_384;

/**
 * Calls `wake` for each command submitted by another process (its NOTIFY on the change feed),
 * and not for those submitted here, which the sender already heard of from the publisher: an
 * echo would only cost it a second claim round per submission.
 *
 * @example
 * const off = onRemoteSubmissions(changes, publisher, (spacecraftId) => sender.nudge(spacecraftId));
 */
export function onRemoteSubmissions(
  changes: ChangeFeed,
  publisher: InProcessEventPublisher,
  wake: (spacecraftId: string) => void,
): () => void {
  const local = new Set<number>();
  const order: number[] = [];
  const offLocal = publisher.subscribe(({ entry }) => {
    if (entry.from !== null || entry.ignored) return;
    local.add(entry.eventId);
    order.push(entry.eventId);
    if (order.length > REMEMBERED) local.delete(order.shift() as number);
  });
  const offRemote = changes.onTransition((notice) => {
    if (notice.submitted && !local.delete(notice.eventId)) wake(notice.spacecraftId);
  });
  return () => {
    offLocal();
    offRemote();
  };
}
