import type { FailureReason, TransitionSource } from "@uplink/core";
import type {
  TraceCancel,
  TraceSpacecraft,
  TraceSubmit,
  TraceTransition,
  TraceUplink,
} from "../trace/trace-record.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Makes the fast engine's trace records, fields in the order {@link TraceRecord} declares.
 * When nothing keeps them (no kept trace, no trace sink: only the hash, the invariant checker
 * and the counters read each record as it is written), it refills one record per type instead
 * of allocating eight million objects for a million commands.
 */
export class TraceRecords {
  private readonly t: Mutable<TraceTransition> = {
    type: "transition",
    at: 0,
    id: "",
    seq: 0,
    eventId: 0,
    from: null,
    to: "",
    reason: null,
    source: "operator",
    ignored: false,
    failureReason: null,
  };
  private readonly s: Mutable<TraceSubmit> = {
    type: "submit",
    at: 0,
    id: "",
    spacecraftId: "",
    name: "",
    priority: 0,
    notBefore: null,
    notAfter: null,
  };
  private readonly u: Mutable<TraceUplink> = { type: "uplink", at: 0, id: "", spacecraftId: "" };
  private readonly sc: Mutable<TraceSpacecraft> = {
    type: "spacecraft",
    at: 0,
    id: "",
    spacecraftId: "",
    event: "received",
    success: null,
  };

  /** @param reuse whether records may be refilled once written (nothing keeps them). */
  constructor(private readonly reuse: boolean) {}

  transition(
    at: number,
    id: string,
    seq: number,
    eventId: number,
    from: string | null,
    to: string,
    reason: string | null,
    source: TransitionSource,
    ignored: boolean,
    failureReason: FailureReason | null,
  ): TraceTransition {
    if (!this.reuse) {
      return { type: "transition", at, id, seq, eventId, from, to, reason, source, ignored, failureReason };
    }
    const r = this.t;
    r.at = at;
    r.id = id;
    r.seq = seq;
    r.eventId = eventId;
    r.from = from;
    r.to = to;
    r.reason = reason;
    r.source = source;
    r.ignored = ignored;
    r.failureReason = failureReason;
    return r;
  }

  submit(
    at: number,
    id: string,
    spacecraftId: string,
    name: string,
    priority: number,
    notBefore: number | null,
    notAfter: number | null,
  ): TraceSubmit {
    if (!this.reuse) return { type: "submit", at, id, spacecraftId, name, priority, notBefore, notAfter };
    const r = this.s;
    r.at = at;
    r.id = id;
    r.spacecraftId = spacecraftId;
    r.name = name;
    r.priority = priority;
    r.notBefore = notBefore;
    r.notAfter = notAfter;
    return r;
  }

  uplink(at: number, id: string, spacecraftId: string): TraceUplink {
    if (!this.reuse) return { type: "uplink", at, id, spacecraftId };
    const r = this.u;
    r.at = at;
    r.id = id;
    r.spacecraftId = spacecraftId;
    return r;
  }

  spacecraft(
    at: number,
    id: string,
    spacecraftId: string,
    event: TraceSpacecraft["event"],
    success: boolean | null,
  ): TraceSpacecraft {
    if (!this.reuse) return { type: "spacecraft", at, id, spacecraftId, event, success };
    const r = this.sc;
    r.at = at;
    r.id = id;
    r.spacecraftId = spacecraftId;
    r.event = event;
    r.success = success;
    return r;
  }

  /** Cancels are rare: always a new record. */
  cancel(at: number, id: string, ok: boolean, status: string): TraceCancel {
    return { type: "cancel", at, id, ok, status };
  }
}
