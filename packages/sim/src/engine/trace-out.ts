import type { FailureReason, TransitionSource } from "@uplink/core";
import type { TraceRecord, TraceSink, TraceSpacecraft } from "../trace/trace-record.js";
import { TraceRecords } from "./trace-records.js";

/**
 * Where the fast engine writes its trace, one call per record with the command as its index
 * `n` in the run (its id is the `n`-th submitted), so that the engine's loop passes numbers and
 * interned strings, never records; {@link RecordTraceOut} makes the records for a sink.
 */
export interface TraceOut {
  submit(
    at: number,
    n: number,
    spacecraftId: string,
    name: string,
    priority: number,
    notBefore: number | null,
    notAfter: number | null,
  ): void;
  transition(
    at: number,
    n: number,
    seq: number,
    eventId: number,
    from: string | null,
    to: string,
    reason: string | null,
    source: TransitionSource,
    ignored: boolean,
    failureReason: FailureReason | null,
  ): void;
  uplink(at: number, n: number, spacecraftId: string): void;
  spacecraft(
    at: number,
    n: number,
    spacecraftId: string,
    event: TraceSpacecraft["event"],
    success: boolean | null,
  ): void;
  cancel(at: number, n: number, ok: boolean, status: string): void;
  /** Any other record (the header, windows, the end), as it is. */
  record(record: TraceRecord): void;
}

/** Makes each record and writes it to a sink in this thread. */
export class RecordTraceOut implements TraceOut {
  private readonly records: TraceRecords;

  /**
   * @param ids the run's command ids, by index
   * @param reuse whether records may be refilled once written (nothing keeps them)
   */
  constructor(
    private readonly ids: readonly string[],
    private readonly sink: TraceSink,
    reuse: boolean,
  ) {
    this.records = new TraceRecords(reuse);
  }

  submit(
    at: number,
    n: number,
    spacecraftId: string,
    name: string,
    priority: number,
    notBefore: number | null,
    notAfter: number | null,
  ): void {
    const id = this.ids[n] as string;
    this.sink.write(this.records.submit(at, id, spacecraftId, name, priority, notBefore, notAfter));
  }

  transition(
    at: number,
    n: number,
    seq: number,
    eventId: number,
    from: string | null,
    to: string,
    reason: string | null,
    source: TransitionSource,
    ignored: boolean,
    failureReason: FailureReason | null,
  ): void {
    const id = this.ids[n] as string;
    this.sink.write(
      this.records.transition(at, id, seq, eventId, from, to, reason, source, ignored, failureReason),
    );
  }

  uplink(at: number, n: number, spacecraftId: string): void {
    this.sink.write(this.records.uplink(at, this.ids[n] as string, spacecraftId));
  }

  spacecraft(
    at: number,
    n: number,
    spacecraftId: string,
    event: TraceSpacecraft["event"],
    success: boolean | null,
  ): void {
    this.sink.write(this.records.spacecraft(at, this.ids[n] as string, spacecraftId, event, success));
  }

  cancel(at: number, n: number, ok: boolean, status: string): void {
    this.sink.write(this.records.cancel(at, this.ids[n] as string, ok, status));
  }

  record(record: TraceRecord): void {
    this.sink.write(record);
  }
}
