import { once } from "node:events";
import type { Readable } from "node:stream";
import type { HistoryEntry, ListQuery, Page, Telecommand } from "@uplink/core";
import { FIXTURE_EPOCH, makeTelecommand } from "@uplink/core/testing";
import { describe, expect, it } from "vitest";
import { EXPORT_PAGE_SIZE, exportBody } from "../../../src/http/export/telecommand-export.js";

/** A store of `total` commands, newest first, that counts the pages it is asked for. */
function countingSource(total: number) {
  const commands = Array.from({ length: total }, (_, i) =>
    makeTelecommand({ createdAt: FIXTURE_EPOCH + (total - i) * 1000 }),
  );
  const source = {
    pagesRead: 0,
    list(query: ListQuery): Page<Telecommand> {
      source.pagesRead++;
      const start = query.cursor === null ? 0 : Number(query.cursor);
      const end = Math.min(start + query.limit, commands.length);
      return { items: commands.slice(start, end), nextCursor: end < commands.length ? String(end) : null };
    },
    historyReads: 0,
    histories(ids: readonly string[]): HistoryEntry[][] {
      source.historyReads++;
      return ids.map((id) => [historyEntry(id)]);
    },
  };
  return source;
}

/** A command's one history entry, told apart by its command id. */
function historyEntry(commandId: string): HistoryEntry {
  return {
    eventId: 1,
    commandId,
    seq: 1,
    from: null,
    to: "ready",
    at: FIXTURE_EPOCH,
    reason: null,
    source: "operator",
    actor: "ada",
    ignored: false,
    kind: "transition",
  };
}

/** Lets the stream pull whatever it wants to pull without a reader. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Reads the body's next chunk as a client would, or null at its end. */
async function readChunk(body: Readable): Promise<string | null> {
  for (;;) {
    const chunk: string | null = body.read();
    if (chunk !== null) return chunk;
    if (body.readableEnded) return null;
    await Promise.race([once(body, "readable"), once(body, "end")]);
  }
}

const rowsIn = (chunk: string) => chunk.split("\r\n").length - 1;

describe("exportBody", () => {
  it("stops reading pages while the client does not read, and goes on when it does", async () => {
    const pages = 40;
    const source = countingSource(pages * EXPORT_PAGE_SIZE);
    const body = await exportBody(source, "csv", {});
    await settle();
    expect(source.pagesRead).toBeLessThanOrEqual(1);

    let rows = 0;
    for (let i = 0; i < 5; i++) rows += rowsIn((await readChunk(body)) as string);
    await settle();
    await settle();
    // Four pages (after the header) read by the client, and at most one read ahead of it.
    expect(source.pagesRead).toBeGreaterThanOrEqual(4);
    expect(source.pagesRead).toBeLessThanOrEqual(5);

    for (let chunk = await readChunk(body); chunk !== null; chunk = await readChunk(body))
      rows += rowsIn(chunk);
    expect(source.pagesRead).toBe(pages);
    expect(rows).toBe(1 + pages * EXPORT_PAGE_SIZE);
  });

  it("reads the first NDJSON page before it answers, so that a storage failure is thrown here", async () => {
    const failing = {
      list: () => Promise.reject(new Error("storage down")),
      histories: () => [],
    };
    await expect(exportBody(failing, "ndjson", {})).rejects.toThrow("storage down");
  });

  it("reads each NDJSON page's histories in one read, and gives each command its own", async () => {
    const pages = 3;
    const source = countingSource(pages * EXPORT_PAGE_SIZE);
    const body = await exportBody(source, "ndjson", {});
    const lines: { id: string; history: { commandId: string; actor: string }[] }[] = [];
    for (let chunk = await readChunk(body); chunk !== null; chunk = await readChunk(body)) {
      for (const line of chunk.split("\n")) if (line !== "") lines.push(JSON.parse(line));
    }
    expect(lines).toHaveLength(pages * EXPORT_PAGE_SIZE);
    expect(source.historyReads).toBe(pages);
    for (const line of lines)
      expect(line.history).toEqual([expect.objectContaining({ commandId: line.id, actor: "ada" })]);
  });
});
