import type { SeededRandom } from "@uplink/core";
import type { UnreliableDownlinkOptions } from "../downlink/unreliable-downlink.js";
import type { SimulatedSpacecraftOptions } from "../spacecraft/spacecraft-options.js";
import type { CommandColumns } from "./command-columns.js";
import type { DownlinkStreams } from "./downlink-streams.js";
import {
  FRAME_ACCEPTED,
  FRAME_COMPLETED,
  FRAME_COMPLETION_FAILED,
  FRAME_REJECTED,
  type FrameColumns,
} from "./frame-columns.js";
import { FRAME_SEQ_BASE, T_ACK, T_COMPLETE, T_LINK } from "./timer-kinds.js";
import type { TraceOut } from "./trace-out.js";

/** What the spacecraft and the link need from the engine. */
export interface LinkHost {
  readonly c: CommandColumns;
  readonly out: TraceOut;
  readonly streams: DownlinkStreams;
  /** The current instant. */
  readonly now: number;
  schedule(delay: number, kind: number, a: number, b: number): void;
}

/**
 * Core-free parts of a run, as the fast engine plays them: the simulated spacecraft (at-most-once
 * reception, rejection of unknown names, seeded report delays and failures) and the unreliable
 * downlink (loss, duplicates, conflicting copies, latency and jitter), drawing their streams in
 * the order {@link SimulatedSpacecraft} and {@link UnreliableDownlink} do.
 */
export class SpacecraftLink {
  readonly spacecraftCounts = {
    received: 0,
    duplicates: 0,
    rejected: 0,
    executed: 0,
    failed: 0,
    frames: 0,
    refused: 0,
  };
  readonly linkCounts = { sent: 0, lost: 0, duplicated: 0, conflicting: 0, delivered: 0, errors: 0 };
  /** Copies delivered without delay in the current event: (spacecraft, seq, time) triples. */
  private readonly deferred: number[] = [];

  constructor(
    private readonly host: LinkHost,
    private readonly frames: readonly FrameColumns[],
    private readonly spacecraftIds: readonly string[],
    /** Whether the spacecraft knows each command name, by name index. */
    private readonly nameKnown: readonly boolean[],
    private readonly options: SimulatedSpacecraftOptions,
    private readonly link: UnreliableDownlinkOptions,
    private readonly spacecraftRandom: SeededRandom,
    private readonly linkRandom: SeededRandom,
  ) {}

  /** The uplink hands command `n` to its spacecraft. */
  receive(n: number): void {
    const { c, out } = this.host;
    const now = this.host.now;
    const spacecraftId = this.spacecraftIds[c.spacecraft[n] as number] as string;
    if (c.received[n] === 1) {
      this.spacecraftCounts.duplicates++;
      out.spacecraft(now, n, spacecraftId, "duplicate", null);
      return;
    }
    c.received[n] = 1;
    this.spacecraftCounts.received++;
    out.spacecraft(now, n, spacecraftId, "received", null);
    this.host.schedule(this.delay(this.options.ackDelayMaxMs), T_ACK, n, 0);
  }

  /** The acceptance delay ran out: reject an unknown name, or accept and start executing. */
  acknowledge(n: number): void {
    const { c } = this.host;
    const sc = c.spacecraft[n] as number;
    if (!this.nameKnown[c.name[n] as number]) {
      this.spacecraftCounts.rejected++;
      const spacecraftId = this.spacecraftIds[sc] as string;
      const now = this.host.now;
      this.host.out.spacecraft(now, n, spacecraftId, "rejected", null);
      this.emit(sc, FRAME_REJECTED, n);
      return;
    }
    this.emit(sc, FRAME_ACCEPTED, n);
    this.host.schedule(this.delay(this.options.execDelayMaxMs), T_COMPLETE, n, 0);
  }

  /** The execution delay ran out: it succeeds or fails, and reports. */
  complete(n: number): void {
    const { c } = this.host;
    const sc = c.spacecraft[n] as number;
    const success = this.spacecraftRandom.next() >= this.options.failureRate;
    if (success) this.spacecraftCounts.executed++;
    else this.spacecraftCounts.failed++;
    const spacecraftId = this.spacecraftIds[sc] as string;
    const now = this.host.now;
    this.host.out.spacecraft(now, n, spacecraftId, "executed", success);
    this.emit(sc, success ? FRAME_COMPLETED : FRAME_COMPLETION_FAILED, n);
  }

  /** A delayed copy (operand `a` of a {@link T_LINK} timer) reaches the ground. */
  arrive(a: number, time: number): void {
    this.linkCounts.delivered++;
    this.host.streams.receive(a % FRAME_SEQ_BASE, Math.floor(a / FRAME_SEQ_BASE), time);
  }

  /** Hands the copies delivered without delay to the ground, after the event's synchronous part. */
  deliver(): void {
    const d = this.deferred;
    if (d.length === 0) return;
    for (let i = 0; i < d.length; i += 3) {
      this.host.streams.receive(d[i] as number, d[i + 1] as number, d[i + 2] as number);
    }
    d.length = 0;
  }

  /** A whole number of milliseconds, uniform in `[0, max]`, from the spacecraft's stream. */
  private delay(max: number): number {
    return max <= 0 ? 0 : Math.floor(this.spacecraftRandom.next() * (Math.floor(max) + 1));
  }

  /** The spacecraft's next frame goes to the unreliable link. */
  private emit(sc: number, kind: number, n: number): void {
    const seq = (this.frames[sc] as FrameColumns).emit(kind, n);
    this.spacecraftCounts.frames++;
    const o = this.link;
    const r = this.linkRandom;
    const time = this.host.now;
    this.linkCounts.sent++;
    if (o.lossRate > 0 && r.next() < o.lossRate) {
      this.linkCounts.lost++;
      return;
    }
    this.sendCopy(sc, seq, time);
    if (o.duplicateRate > 0 && r.next() < o.duplicateRate) {
      this.linkCounts.duplicated++;
      this.sendCopy(sc, seq, time);
    }
    if (o.conflictRate > 0 && r.next() < o.conflictRate) {
      this.linkCounts.conflicting++;
      this.sendCopy(sc, seq, time + 1 + Math.floor(r.next() * 1000));
    }
  }

  private sendCopy(sc: number, seq: number, time: number): void {
    const o = this.link;
    const delay = o.latencyMs + (o.jitterMs > 0 ? Math.floor(this.linkRandom.next() * (o.jitterMs + 1)) : 0);
    if (delay === 0) {
      // The ground gets it within this event, once the event's synchronous part is done.
      this.linkCounts.delivered++;
      this.deferred.push(sc, seq, time);
    } else {
      this.host.schedule(delay, T_LINK, seq * FRAME_SEQ_BASE + sc, time);
    }
  }
}
