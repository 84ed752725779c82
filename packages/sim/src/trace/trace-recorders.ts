import type { Awaitable, Clock, TransitionEvent, Uplink, UplinkCommand, UplinkResult } from "@uplink/core";
import type { TraceSink } from "./trace-record.js";

/** Records each hand-over to the uplink, then passes the command on. */
export function tracingUplink(inner: Uplink, clock: Clock, trace: TraceSink): Uplink {
  return {
    send(command: UplinkCommand): Awaitable<UplinkResult> {
      trace.write({ type: "uplink", at: clock.now(), id: command.id, spacecraftId: command.spacecraftId });
      return inner.send(command);
    },
  };
}

/** Turns published transitions into trace records: the submission with its first entry, then every entry. */
export function traceTransitions(trace: TraceSink): (event: TransitionEvent) => void {
  return ({ command, entry }: TransitionEvent): void => {
    if (entry.from === null) {
      trace.write({
        type: "submit",
        at: entry.at,
        id: command.id,
        spacecraftId: command.spacecraftId,
        name: command.name,
        priority: command.priority,
        notBefore: command.notBefore,
        notAfter: command.notAfter,
        ...(command.profile === null ? {} : { category: command.profile.category }),
      });
    }
    // Plain transitions leave `kind` out, so traces recorded before entry kinds keep their hashes.
    trace.write({
      type: "transition",
      at: entry.at,
      id: entry.commandId,
      seq: entry.seq,
      eventId: entry.eventId,
      from: entry.from,
      to: entry.to,
      reason: entry.reason,
      source: entry.source,
      actor: entry.actor,
      ignored: entry.ignored,
      failureReason: command.failureReason,
      ...(entry.kind === "transition" ? {} : { kind: entry.kind }),
    });
  };
}
