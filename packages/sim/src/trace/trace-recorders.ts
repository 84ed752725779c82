import type { Awaitable, Clock, TransitionEvent, Uplink, UplinkCommand, UplinkResult } from "@uplink/core";
import { TraceChunkWriter } from "./trace-codec.js";
import type { TraceSink, TraceSpacecraft } from "./trace-record.js";

/** Records each hand-over to the uplink, then passes the command on. */
export function tracingUplink(inner: Uplink, clock: Clock, trace: TraceSink): Uplink {
  if (trace instanceof TraceChunkWriter) {
    return {
      send(command: UplinkCommand): Awaitable<UplinkResult> {
        trace.writeUplink(clock.now(), command.id, command.spacecraftId);
        return inner.send(command);
      },
    };
  }
  return {
    send(command: UplinkCommand): Awaitable<UplinkResult> {
      trace.write({ type: "uplink", at: clock.now(), id: command.id, spacecraftId: command.spacecraftId });
      return inner.send(command);
    },
  };
}

/** Turns published transitions into trace records: the submission with its first entry, then every entry. */
export function traceTransitions(trace: TraceSink): (event: TransitionEvent) => void {
  // A run whose only sink is the checking worker's writer makes no record objects for these.
  if (trace instanceof TraceChunkWriter) return (event) => trace.writeTransitionEvent(event);
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

/** What a simulated spacecraft's event is in the trace. */
export interface SpacecraftTraceEvent {
  readonly at: number;
  readonly commandId: string;
  readonly spacecraftId: string;
  readonly kind: TraceSpacecraft["event"];
  readonly success?: boolean;
}

/** Turns a simulated spacecraft's events into trace records. */
export function traceSpacecraft(trace: TraceSink): (event: SpacecraftTraceEvent) => void {
  if (trace instanceof TraceChunkWriter)
    return (e) => trace.writeSpacecraft(e.at, e.commandId, e.spacecraftId, e.kind, e.success ?? null);
  return (e) =>
    trace.write({
      type: "spacecraft",
      at: e.at,
      id: e.commandId,
      spacecraftId: e.spacecraftId,
      event: e.kind,
      success: e.success ?? null,
    });
}
