import { h, timeElement } from "./format.js";
import { statusBadge } from "./status-badge.js";

/** What a hold or a release of a command reads as in its timeline. */
const MARKS = { hold: "Held", release: "Released" };

/**
 * Who did it: the user, or `sender`, `spacecraft`, `system` (SPEC §10), with the source when it
 * says more than the actor.
 * @param {Record<string, any>} entry
 */
function byWhom(entry) {
  const actor = entry.actor ?? entry.source;
  return entry.source && entry.source !== actor ? `by ${actor} (${entry.source})` : `by ${actor}`;
}

/**
 * One history entry as a timeline item: a transition (from → to), an operator's comment (its
 * text, quoted), or a hold or release; each names its actor.
 * @param {Record<string, any>} entry
 */
function itemOf(entry) {
  const kind = entry.kind ?? "transition";
  const time = h("span", { class: "timeline-time" }, timeElement(entry.at, true));
  const actor = h("span", { class: "timeline-actor", text: byWhom(entry) });
  if (kind === "comment") {
    return h(
      "li",
      { class: "comment", "data-kind": kind, "data-actor": entry.actor },
      time,
      h("blockquote", { class: "timeline-comment", text: entry.reason ?? "" }),
      h("span", { class: "timeline-meta" }, "Comment ", actor),
    );
  }
  if (kind in MARKS) {
    return h(
      "li",
      { class: "mark", "data-kind": kind, "data-actor": entry.actor },
      time,
      h("span", { class: "timeline-move", text: MARKS[/** @type {"hold" | "release"} */ (kind)] }),
      h("span", { class: "timeline-meta" }, actor, entry.reason ? ` · ${entry.reason}` : ""),
    );
  }
  return h(
    "li",
    {
      class: entry.ignored ? "ignored" : "",
      "data-kind": kind,
      "data-to": entry.to,
      "data-actor": entry.actor,
    },
    time,
    h(
      "span",
      { class: "timeline-move" },
      entry.from ? statusBadge(entry.from) : h("span", { class: "muted", text: "new" }),
      h("span", { "aria-label": "to", text: " → " }),
      statusBadge(entry.to),
    ),
    h(
      "span",
      { class: "timeline-meta" },
      actor,
      entry.reason ? ` · ${entry.reason}` : "",
      entry.ignored ? " · ignored (final state)" : "",
    ),
  );
}

/**
 * A command's history, oldest first, as an ordered list.
 * @param {Iterable<Record<string, any>>} history entries in any order
 * @param {string} labelledBy the id of the list's heading
 */
export function historyTimeline(history, labelledBy) {
  const list = h("ol", { class: "timeline", "aria-labelledby": labelledBy });
  const entries = [...history].sort((a, b) => a.eventId - b.eventId);
  if (entries.length === 0) list.append(h("li", { class: "muted", text: "No transitions yet." }));
  for (const entry of entries) list.append(itemOf(entry));
  return list;
}
