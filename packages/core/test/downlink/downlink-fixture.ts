import { InMemoryDownlinkLog } from "../../src/adapters/in-memory-downlink-log.js";
import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { InProcessEventPublisher } from "../../src/adapters/in-process-event-publisher.js";
import { ManualClock } from "../../src/adapters/manual-clock.js";
import { SeededRandom } from "../../src/adapters/seeded-random.js";
import type { DownlinkProcessorOptions } from "../../src/downlink/downlink-options.js";
import { DownlinkProcessor } from "../../src/downlink/downlink-processor.js";
import type { AppliedFrame } from "../../src/downlink/downlink-report.js";
import type { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import type { DownlinkLog } from "../../src/ports/downlink-log.js";
import type { TelecommandRepository } from "../../src/ports/telecommand-repository.js";
import { TelecommandService } from "../../src/services/telecommand-service.js";
import type { DownlinkFrame, TelemetryValue } from "../../src/types.js";

export const T0 = Date.UTC(2030, 0, 1);

export interface DownlinkRig {
  readonly clock: ManualClock;
  readonly repository: TelecommandRepository;
  readonly service: TelecommandService;
  readonly log: DownlinkLog;
  readonly downlink: DownlinkProcessor;
  /** Every frame the processor applied, in order (its `onFrame` listener). */
  readonly applied: AppliedFrame[];
  /** Submits `count` commands and transmits them; returns their ids. */
  transmitted(count: number, spacecraftId?: string): Promise<string[]>;
  /** The status of each command, in the order given. */
  statuses(ids: readonly string[]): Promise<string[]>;
}

export interface RigParts {
  readonly repository?: TelecommandRepository;
  readonly log?: DownlinkLog;
  readonly lifecycle?: Lifecycle;
  readonly clock?: ManualClock;
  readonly options?: Partial<DownlinkProcessorOptions>;
}

/** A processor on the in-memory adapters and a manual clock at {@link T0}. */
export function downlinkRig(parts: RigParts = {}): DownlinkRig {
  const clock = parts.clock ?? new ManualClock(T0);
  const repository =
    parts.repository ??
    new InMemoryTelecommandRepository({ queuedStatuses: [parts.lifecycle?.initial ?? "ready"] });
  const service = new TelecommandService(
    repository,
    clock,
    new SeededRandom(7),
    new InProcessEventPublisher(),
    {
      lifecycle: parts.lifecycle,
    },
  );
  const log = parts.log ?? new InMemoryDownlinkLog();
  const applied: AppliedFrame[] = [];
  const downlink = new DownlinkProcessor(service, log, clock, {
    onFrame: (a) => applied.push(a),
    ...parts.options,
  });
  return {
    clock,
    repository,
    service,
    log,
    downlink,
    applied,
    async transmitted(count, spacecraftId = "sc-1") {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const { command } = await service.submit({ name: "PING", spacecraftId });
        await service.apply(command.id, { type: "TRANSMIT" }, "sender");
        ids.push(command.id);
      }
      return ids;
    },
    async statuses(ids) {
      return Promise.all(ids.map(async (id) => (await service.get(id)).status));
    },
  };
}

/** An acceptance or completion report frame. */
export function report(
  seq: number,
  type: "acceptance" | "completion",
  commandId: string,
  success = true,
  extra: { spacecraftId?: string; reason?: string } = {},
): DownlinkFrame {
  const frame = { spacecraftId: extra.spacecraftId ?? "sc-1", seq, time: T0 + seq, type, commandId, success };
  return extra.reason === undefined ? frame : { ...frame, reason: extra.reason };
}

/** A telemetry frame. */
export function telemetry(
  seq: number,
  parameters: Record<string, TelemetryValue>,
  spacecraftId = "sc-1",
  time = T0 + seq,
): DownlinkFrame {
  return { spacecraftId, seq, time, type: "telemetry", parameters };
}

/** The seqs of applied frames, per spacecraft. */
export function appliedSeqs(applied: readonly AppliedFrame[], spacecraftId = "sc-1"): number[] {
  return applied.filter((a) => a.frame.spacecraftId === spacecraftId).map((a) => a.frame.seq);
}
