import type { ReportService } from "../../src/downlink/frame-applier.js";
import { Lifecycle } from "../../src/lifecycle/lifecycle.js";
import type { LifecycleEvent } from "../../src/lifecycle/lifecycle-definition.js";
import type { ApplyResult } from "../../src/services/telecommand-service.js";
import { makeTelecommand } from "../../src/testing/telecommand-fixtures.js";
import type { Telecommand } from "../../src/types.js";

/**
 * A {@link ReportService} that answers at once: each command's status stepped through the
 * default lifecycle in a map, every event it was sent kept in order. It stands in for core's
 * `TelecommandService` on in-memory ports where the downlink's synchronous path is tested, and
 * with `promised` it answers the same with promises.
 */
export class AtOnceReportService implements ReportService {
  readonly commands = new Map<string, Telecommand>();
  /** `id:EVENT` for every event sent, in order. */
  readonly events: string[] = [];
  private readonly lifecycle = new Lifecycle();

  constructor(private readonly promised = false) {}

  /** Adds `count` commands, transmitted; returns their ids. */
  transmitted(count: number): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = `cmd-${this.commands.size}`;
      this.commands.set(id, makeTelecommand({ id, status: "transmitted" }));
      ids.push(id);
    }
    return ids;
  }

  apply(id: string, event: LifecycleEvent): ApplyResult | Promise<ApplyResult> {
    const result = this.step(id, event);
    return this.promised ? Promise.resolve(result) : result;
  }

  applySequence(
    id: string,
    events: readonly LifecycleEvent[],
    _source: unknown,
    _known?: Telecommand,
    _options?: unknown,
    each?: (result: ApplyResult, index: number) => void,
  ): ApplyResult[] | Promise<ApplyResult[]> {
    const results = events.map((event, i) => {
      const result = this.step(id, event);
      each?.(result, i);
      return result;
    });
    return this.promised ? Promise.resolve(results) : results;
  }

  private step(id: string, event: LifecycleEvent): ApplyResult {
    this.events.push(`${id}:${event.type}`);
    const command = this.commands.get(id);
    if (!command) return { kind: "unknown" };
    const step = this.lifecycle.step(command.status, command.failureReason, event);
    if (!step) return { kind: "ignored", command };
    const next = {
      ...command,
      status: step.to,
      failureReason: step.failureReason,
      version: command.version + 1,
    };
    this.commands.set(id, next);
    return {
      kind: "applied",
      command: next,
      entry: {
        eventId: this.events.length,
        commandId: id,
        seq: next.version,
        from: command.status,
        to: step.to,
        at: 0,
        reason: step.reason,
        source: "spacecraft",
        actor: "spacecraft",
        ignored: false,
        kind: "transition",
      },
    };
  }
}
