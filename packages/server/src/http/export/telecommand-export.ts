import { Readable } from "node:stream";
import type { HistoryEntry, Instant, ListQuery, Page, Telecommand } from "@uplink/core";
import { toWireHistoryEntry, toWireTelecommand } from "../wire/telecommand-wire.js";
import { telecommandWireSchema } from "../wire/wire-schemas.js";

/** The two export formats of `GET /api/telecommands/export`. */
export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which commands to export: the list's filters, and a range of creation instants (inclusive). */
export interface ExportFilter {
  readonly status?: string | undefined;
  readonly spacecraftId?: string | undefined;
  readonly from?: Instant | undefined;
  readonly to?: Instant | undefined;
}

/** Where the export reads: the service's keyset pages and, for NDJSON, their commands' histories. */
export interface ExportSource {
  list(query: ListQuery): PromiseLike<Page<Telecommand>> | Page<Telecommand>;
  histories(ids: readonly string[]): PromiseLike<HistoryEntry[][]> | HistoryEntry[][];
}

/** Commands read per page: one keyset query each, so memory stays one page whatever the total. */
export const EXPORT_PAGE_SIZE = 500;

/** The CSV columns: every field of a command on the wire, in its order (`args` as JSON). */
export const CSV_COLUMNS: readonly string[] = Object.keys(telecommandWireSchema.shape);

/**
 * The export as a response body: {@link exportLines} with its first chunk already read (so that
 * a storage failure rejects here, before a status is sent), as a stream that reads one chunk
 * ahead of the client and no more (`Readable.from`'s high-water mark is one object). A client
 * that stops reading stops the database reads: the socket's buffers fill, the stream stops
 * pulling, and the generator waits at its `yield`.
 *
 * @example
 * ctx.body = await exportBody(service, "csv", {});
 */
export async function exportBody(
  source: ExportSource,
  format: ExportFormat,
  filter: ExportFilter,
): Promise<Readable> {
  const lines = exportLines(source, format, filter);
  const first = await lines.next();
  return Readable.from(
    (async function* () {
      if (!first.done) yield first.value;
      yield* lines;
    })(),
  );
}

/**
 * Every command matching `filter`, newest first, as lines of CSV (a header, then one row per
 * command) or NDJSON (one `{...command, history: [...]}` per line). An async generator: the
 * consumer pulls, so a slow client slows the reads (backpressure), and only one page of
 * commands is held at a time.
 */
async function* exportLines(
  source: ExportSource,
  format: ExportFormat,
  filter: ExportFilter,
): AsyncGenerator<string> {
  if (format === "csv") yield `${CSV_COLUMNS.join(",")}\r\n`;
  for await (const page of matchingPages(source, filter)) {
    if (format === "csv") {
      let chunk = "";
      for (const command of page) chunk += csvRow(command);
      yield chunk;
      continue;
    }
    // One read of the page's histories, not one per command.
    const histories = await source.histories(page.map((command) => command.id));
    let chunk = "";
    page.forEach((command, i) => {
      const history = (histories[i] ?? []).map(toWireHistoryEntry);
      chunk += `${JSON.stringify({ ...toWireTelecommand(command), history })}\n`;
    });
    yield chunk;
  }
}

/** The pages of matching commands, newest first; commands created after `to` are skipped, and reading stops before `from`. */
async function* matchingPages(source: ExportSource, filter: ExportFilter): AsyncGenerator<Telecommand[]> {
  let cursor: string | null = null;
  for (;;) {
    const page: Page<Telecommand> = await source.list({
      status: filter.status,
      spacecraftId: filter.spacecraftId,
      limit: EXPORT_PAGE_SIZE,
      cursor,
    });
    const items = page.items.filter(
      (c) =>
        (filter.to === undefined || c.createdAt <= filter.to) &&
        (filter.from === undefined || c.createdAt >= filter.from),
    );
    if (items.length > 0) yield items;
    const oldest = page.items[page.items.length - 1];
    // Newest first: once a page reaches before `from`, no later page can match.
    if (
      page.nextCursor === null ||
      (filter.from !== undefined && oldest !== undefined && oldest.createdAt < filter.from)
    )
      return;
    cursor = page.nextCursor;
  }
}

/** One CSV row (RFC 4180): fields quoted when they hold a comma, quote or line break. */
function csvRow(command: Telecommand): string {
  const wire = toWireTelecommand(command) as Record<string, unknown>;
  let row = "";
  for (let i = 0; i < CSV_COLUMNS.length; i++) {
    if (i > 0) row += ",";
    row += csvField(wire[CSV_COLUMNS[i] as string]);
  }
  return `${row}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
