import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Frames numbered between two writes of the state file. */
export const DEFAULT_BLOCK_SIZE = 1_000;

/**
 * Frame sequence numbers that survive a restart of the spacecraft service, so that the ground,
 * which drops every frame at or below its cursor, keeps taking them. Numbers are handed out
 * from blocks reserved in a small JSON file before use: a restart (even `kill -9`) resumes after
 * the last reserved block, leaving at most one block of unused numbers, which the ground
 * records as a gap. Without a file, numbering starts at 1 in every run.
 *
 * @example
 * const seqs = new SequenceBlocks(".uplink/spacecraft-seq.json");
 * seqs.next("sc-1"); // 1 on a fresh file, 1001 after a restart that used 1..7
 */
export class SequenceBlocks {
  private readonly last = new Map<string, number>();
  private readonly reserved = new Map<string, number>();

  constructor(
    private readonly file: string | null,
    private readonly blockSize: number = DEFAULT_BLOCK_SIZE,
  ) {
    if (file === null) return;
    for (const [id, upTo] of Object.entries(readState(file))) {
      this.last.set(id, upTo);
      this.reserved.set(id, upTo);
    }
  }

  /** The next seq of a spacecraft's frames (from 1). */
  next(spacecraftId: string): number {
    const seq = (this.last.get(spacecraftId) ?? 0) + 1;
    this.last.set(spacecraftId, seq);
    if (this.file !== null && seq > (this.reserved.get(spacecraftId) ?? 0)) {
      this.reserved.set(spacecraftId, seq + this.blockSize - 1);
      writeState(this.file, Object.fromEntries(this.reserved));
    }
    return seq;
  }
}

function readState(file: string): Record<string, number> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (e): e is [string, number] => Number.isSafeInteger(e[1]) && (e[1] as number) >= 0,
    ),
  );
}

function writeState(file: string, state: Record<string, number>): void {
  mkdirSync(dirname(file), { recursive: true });
  // Written beside and renamed over, so that a crash mid-write leaves the previous state.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  renameSync(temporary, file);
}
