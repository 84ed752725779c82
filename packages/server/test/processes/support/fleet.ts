import type { HistoryEntry } from "@uplink/core";
import { expect } from "vitest";
import { KnexTelecommandRepository } from "../../../src/adapters/postgres/knex-telecommand-repository.js";
import type { Database } from "../../../src/database/database.js";
import { createLogger } from "../../../src/logging/logger.js";
import {
  type RunningSpacecraft,
  startSpacecraftService,
} from "../../../src/spacecraft/spacecraft-service.js";
import { eventually, postJson, tempDir } from "../../support/server.js";
import { bearer, TEST_TOKENS } from "../../support/tokens.js";

/** Starts the spacecraft HTTP service in this process, POSTing its frames to `groundUrl`. */
export async function startTestSpacecraft(
  groundUrl: string,
): Promise<RunningSpacecraft & { dispose(): Promise<void> }> {
  const dir = tempDir("uplink-spacecraft-");
  const spacecraft = await startSpacecraftService(
    {
      port: 0,
      host: "127.0.0.1",
      downlinkUrl: `${groundUrl}/api/downlink`,
      ackDelayMaxMs: 20,
      execDelayMaxMs: 20,
      failureRate: 0.15,
      seed: null,
      dataDir: dir.path,
      downlinkToken: TEST_TOKENS.downlink,
    },
    createLogger({ level: "silent" }),
  );
  return {
    ...spacecraft,
    async dispose() {
      await spacecraft.stop(1_000);
      dir.dispose();
    },
  };
}

/** Submits `count` PING commands through the API, `concurrency` at a time; returns their ids. */
export async function submitMany(apiUrl: string, count: number, concurrency = 25): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const { status, body } = await postJson(`${apiUrl}/api/telecommands`, {
        name: "PING",
        args: { n: next },
      });
      expect(status).toBe(201);
      ids.push((body as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

/** Counts by status from `/api/stats`. */
export async function countsByStatus(apiUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${apiUrl}/api/stats`, { headers: bearer() });
  return ((await response.json()) as { byStatus: Record<string, number> }).byStatus;
}

/** Waits until `total` commands exist and all of them are executed or failed; returns the counts. */
export async function waitAllFinal(
  apiUrl: string,
  total: number,
  timeoutMs: number,
): Promise<Record<string, number>> {
  return eventually(
    async () => {
      const counts = await countsByStatus(apiUrl);
      const final = (counts.executed ?? 0) + (counts.failed ?? 0);
      return final === total ? counts : undefined;
    },
    timeoutMs,
    250,
  );
}

/** Every history entry of a database, oldest first. */
export async function allHistory(db: Database): Promise<HistoryEntry[]> {
  const repository = new KnexTelecommandRepository(db);
  const entries: HistoryEntry[] = [];
  for (let after = 0; ; ) {
    const page = await repository.historyAfter(after, 5_000);
    entries.push(...page);
    if (page.length < 5_000) return entries;
    after = (page[page.length - 1] as HistoryEntry).eventId;
  }
}

/** How many applied `→ transmitted` entries each command has. */
export function transmissionsPerCommand(history: readonly HistoryEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of history) {
    if (entry.ignored || entry.to !== "transmitted") continue;
    counts.set(entry.commandId, (counts.get(entry.commandId) ?? 0) + 1);
  }
  return counts;
}
