import type { ContactPlan } from "../ports/contact-plan.js";
import type { ContactWindow, Instant } from "../types.js";

/**
 * The contact window in which a command submitted at `now` is expected to go (SPEC §10's dry
 * run): the window open at, or next after, the later of `now` and its `notBefore`; null when the
 * plan has none, or when its `notAfter` passes before that window opens. A first estimate: it
 * counts neither transmit delays, nor the commands queued before it, nor approvals and holds.
 *
 * @example
 * expectedPass(plan, "sc-1", clock.now(), null, null); // { spacecraftId: "sc-1", start, end, station }
 */
export function expectedPass(
  plan: ContactPlan,
  spacecraftId: string,
  now: Instant,
  notBefore: Instant | null,
  notAfter: Instant | null,
): ContactWindow | null {
  const from = notBefore === null ? now : Math.max(now, notBefore);
  const window = plan.windowAt(spacecraftId, from);
  if (window === null) return null;
  if (notAfter !== null && Math.max(from, window.start) > notAfter) return null;
  return window;
}
