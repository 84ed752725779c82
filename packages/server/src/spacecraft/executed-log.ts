import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

/** Command ids remembered by default: far more than are ever in flight between ground and spacecraft. */
export const DEFAULT_MAX_REMEMBERED = 1_000_000;

/** Options of {@link ExecutedLog}. */
export interface ExecutedLogOptions {
  /** Most ids kept (the newest); older ones are forgotten at the next compaction. */
  readonly maxRemembered?: number;
}

/**
 * The command ids a spacecraft has taken for execution, kept across restarts (even `kill -9`)
 * so that a retransmitted command is never executed twice (SPEC §2). Each id is appended to a
 * file, one JSON string per line, and flushed to disk before {@link record} returns: the
 * caller records an id before it executes or acknowledges the command. The file is compacted
 * when opened (duplicates and a line torn by a crash dropped, at most `maxRemembered` ids kept,
 * written beside and renamed over), and again whenever it holds twice that many lines, so it
 * stays under about 2 × 40 bytes × `maxRemembered`. Without a file, ids last as long as the
 * instance.
 *
 * @example
 * const executed = new ExecutedLog(".uplink/spacecraft-executed.log");
 * if (!executed.has(command.id)) {
 *   executed.record(command.id); // on disk from here on
 *   spacecraft.receive(command);
 * }
 */
export class ExecutedLog {
  /** The ids, oldest first (a Set keeps insertion order). */
  private readonly ids = new Set<string>();
  private readonly maxRemembered: number;
  private fd: number | null = null;
  private lines = 0;

  constructor(
    private readonly file: string | null,
    options: ExecutedLogOptions = {},
  ) {
    this.maxRemembered = options.maxRemembered ?? DEFAULT_MAX_REMEMBERED;
    if (file === null) return;
    for (const id of readIds(file)) this.remember(id);
    this.compact();
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.ids.size;
  }

  /** Whether the id was recorded (by this process or before a restart). */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * Records an id; once this returns it is on disk. Recording a known id does nothing. Throws
   * when the file cannot be written: the command must then be neither executed nor acknowledged.
   */
  record(id: string): void {
    if (this.ids.has(id)) return;
    if (this.fd !== null) {
      writeSync(this.fd, `${JSON.stringify(id)}\n`);
      fdatasyncSync(this.fd);
      this.lines++;
    }
    this.remember(id);
    if (this.lines > 2 * this.maxRemembered) this.compact();
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private remember(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.maxRemembered) this.ids.delete(this.ids.values().next().value as string);
  }

  /** Rewrites the file with the remembered ids only, durably, and appends to it from then on. */
  private compact(): void {
    const file = this.file as string;
    this.close();
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, "w");
    try {
      let chunk = "";
      for (const id of this.ids) {
        chunk += `${JSON.stringify(id)}\n`;
        if (chunk.length > 1 << 16) {
          writeSync(fd, chunk);
          chunk = "";
        }
      }
      writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    syncDirectory(dirname(file));
    this.fd = openSync(file, "a");
    this.lines = this.ids.size;
  }
}

/** The ids of a log file in order; a line that is not a JSON string (torn by a crash) is skipped. */
function readIds(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const ids: string[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    try {
      const id: unknown = JSON.parse(line);
      if (typeof id === "string") ids.push(id);
    } catch {
      // A line cut short by a crash while it was written: its command was never acknowledged.
    }
  }
  return ids;
}

/** Makes a rename in a directory durable (where the platform lets a directory be opened). */
function syncDirectory(directory: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(directory, "r");
    fsyncSync(fd);
  } catch {
    // Not supported here (e.g. Windows): the rename is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
