import { decodeGapCursor, encodeGapCursor, type GapQuery, type GapRecord, type Page } from "@uplink/core";
import { queryRows, type Runner } from "./query.js";

/** A page of the recorded gaps, newest first; a cursor is the id of the previous page's last gap. */
export async function selectGaps(runner: Runner, query: GapQuery): Promise<Page<GapRecord>> {
  const before = query.cursor === undefined ? null : decodeGapCursor(query.cursor);
  const rows = await queryRows<{
    id: number;
    spacecraft_id: string;
    from_seq: number;
    to_seq: number;
    at: number;
    cause: GapRecord["cause"];
  }>(
    runner,
    `SELECT id, spacecraft_id, from_seq, to_seq, at, cause FROM downlink_gaps
     WHERE ?::bigint IS NULL OR id < ?::bigint
     ORDER BY id DESC LIMIT ?`,
    [before, before, query.limit + 1],
  );
  const items = rows.slice(0, query.limit).map((row) => ({
    spacecraftId: row.spacecraft_id,
    fromSeq: Number(row.from_seq),
    toSeq: Number(row.to_seq),
    at: Number(row.at),
    cause: row.cause,
  }));
  const last = rows[query.limit - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeGapCursor(Number(last.id)) : null };
}
