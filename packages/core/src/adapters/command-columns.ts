import type { TransitionChange } from "../ports/telecommand-repository.js";
import type { CommandArgs, FailureReason, Instant, Telecommand, TelecommandStatus } from "../types.js";
import { InstantColumn } from "./instant-column.js";
import { ProfileCodes } from "./profile-codes.js";
import { hashOf, RowIndex } from "./row-index.js";
import { StringCodes } from "./string-codes.js";
import { widened } from "./typed-arrays.js";

const DEFAULT_ROWS = 1024;
/** Slots of the table of ids looked up lately (a power of two). */
const RECENT_IDS = 4096;

/** The rows to make room for at first, given the commands a caller expects (none: a default). */
export function initialRows(expected: number | undefined): number {
  return expected !== undefined && Number.isFinite(expected) && expected >= 1
    ? Math.min(Math.ceil(expected), 2 ** 28)
    : DEFAULT_ROWS;
}

const orNull = (value: number): Instant | null => (Number.isNaN(value) ? null : value);

/**
 * The in-memory repository's commands, one column per field and one row per command, with a
 * command object built only when one is read. A million commands kept as objects cost about
 * 400 bytes each (the object, its boxed instants, its slot and map entry); as columns, the id
 * string and about 90 bytes. Recurring strings (statuses, spacecraft ids, names, failure
 * reasons) are stored as codes, and instants as 32-bit offsets from the command's creation.
 */
export class CommandColumns {
  size = 0;
  readonly ids: string[] = [];
  readonly args: CommandArgs[] = [];
  // Commands checked against one dictionary entry share its profile: one code per row.
  private readonly profileCodes = new ProfileCodes();
  readonly index: RowIndex;
  readonly statuses = new StringCodes<TelecommandStatus>();
  private readonly spacecraftCodes = new StringCodes();
  private readonly nameCodes = new StringCodes();
  private readonly reasonCodes = new StringCodes<FailureReason>();
  private readonly actorCodes = new StringCodes();
  spacecraft: Uint32Array;
  names: Uint32Array;
  profiles: Uint32Array;
  submitters: Uint32Array;
  held: Uint8Array;
  status: Uint8Array;
  failureReason: Uint8Array;
  version: Uint32Array;
  priority: Float64Array;
  createdAt: Float64Array;
  private readonly updatedAt: InstantColumn;
  private readonly transmittedAt: InstantColumn;
  private readonly acknowledgedAt: InstantColumn;
  private readonly executedAt: InstantColumn;
  private readonly failedAt: InstantColumn;
  private readonly cancelledAt: InstantColumn;
  private readonly notBefore: InstantColumn;
  private readonly notAfter: InstantColumn;
  private readonly deadline: InstantColumn;

  /**
   * @param capacity rows to make room for at once (more are added as needed): a caller that
   * knows how many commands it will hold saves the columns' doublings, whose freed halves the
   * allocator may keep.
   */
  constructor(capacity?: number) {
    const rows = initialRows(capacity);
    this.index = new RowIndex((row) => this.ids[row] as string, rows);
    this.spacecraft = new Uint32Array(rows);
    this.names = new Uint32Array(rows);
    this.profiles = new Uint32Array(rows);
    this.submitters = new Uint32Array(rows);
    this.held = new Uint8Array(rows);
    this.status = new Uint8Array(rows);
    this.failureReason = new Uint8Array(rows);
    this.version = new Uint32Array(rows);
    this.priority = new Float64Array(rows);
    this.createdAt = new Float64Array(rows);
    this.updatedAt = new InstantColumn(rows);
    this.transmittedAt = new InstantColumn(rows);
    this.acknowledgedAt = new InstantColumn(rows);
    this.executedAt = new InstantColumn(rows);
    this.failedAt = new InstantColumn(rows);
    this.cancelledAt = new InstantColumn(rows);
    this.notBefore = new InstantColumn(rows);
    this.notAfter = new InstantColumn(rows);
    this.deadline = new InstantColumn(rows);
  }

  // A command is often looked up twice in a row (read, then changed): the last one answers first.
  private lastId: string | null = null;
  private lastRow = -1;
  // Then the ids looked up lately, by hash: a table small enough to stay in the processor's
  // cache, where a million ids' index costs a cache miss or two a lookup, and the commands in
  // flight (transmitted, awaiting their reports) are looked up several times each.
  private readonly recentIds: (string | undefined)[] = new Array<string | undefined>(RECENT_IDS).fill(
    undefined,
  );
  private readonly recentRows = new Int32Array(RECENT_IDS);

  /** The row of a command id, or -1. */
  rowOf(id: string): number {
    if (id === this.lastId) return this.lastRow;
    const h = hashOf(id);
    const slot = h & (RECENT_IDS - 1);
    let row: number;
    if (this.recentIds[slot] === id) row = this.recentRows[slot] as number;
    else {
      row = this.index.getHashed(id, h);
      if (row < 0) return row;
      this.recentIds[slot] = id;
      this.recentRows[slot] = row;
    }
    this.lastId = id;
    this.lastRow = row;
    return row;
  }

  /**
   * Notes that a row's command will soon be looked up by id (a claimed one is transmitted
   * within its transmit delay): {@link rowOf} then finds it in the small table.
   */
  remember(row: number): void {
    const id = this.ids[row] as string;
    const slot = hashOf(id) & (RECENT_IDS - 1);
    this.recentIds[slot] = id;
    this.recentRows[slot] = row;
  }

  /** Stores a new command in the next row; -1 when its id has a row already (nothing stored). */
  add(command: Telecommand): number {
    const row = this.size;
    if (this.index.addIfAbsent(command.id, row) >= 0) return -1;
    if (row === this.status.length) this.grow();
    this.size++;
    this.ids.push(command.id);
    this.args.push(command.args);
    this.spacecraft[row] = this.spacecraftCodes.code(command.spacecraftId);
    this.names[row] = this.nameCodes.code(command.name);
    this.profiles[row] = this.profileCodes.code(command.profile);
    this.submitters[row] = this.actorCodes.code(command.submittedBy);
    this.priority[row] = command.priority;
    const base = command.createdAt;
    this.createdAt[row] = base;
    this.notBefore.set(row, base, command.notBefore);
    this.notAfter.set(row, base, command.notAfter);
    this.set(row, command);
    return row;
  }

  /** The command at a row, as a new object (a short-lived one costs less than keeping it). */
  read(row: number): Telecommand {
    const base = this.createdAt[row] as number;
    return {
      id: this.ids[row] as string,
      spacecraftId: this.spacecraftCodes.value(this.spacecraft[row] as number) as string,
      name: this.nameCodes.value(this.names[row] as number) as string,
      args: this.args[row] as CommandArgs,
      priority: this.priority[row] as number,
      status: this.statuses.value(this.status[row] as number) as TelecommandStatus,
      failureReason: this.reasonCodes.value(this.failureReason[row] as number),
      createdAt: base,
      updatedAt: this.updatedAt.get(row, base),
      transmittedAt: orNull(this.transmittedAt.get(row, base)),
      acknowledgedAt: orNull(this.acknowledgedAt.get(row, base)),
      executedAt: orNull(this.executedAt.get(row, base)),
      failedAt: orNull(this.failedAt.get(row, base)),
      cancelledAt: orNull(this.cancelledAt.get(row, base)),
      notBefore: orNull(this.notBefore.get(row, base)),
      notAfter: orNull(this.notAfter.get(row, base)),
      deadline: orNull(this.deadline.get(row, base)),
      version: this.version[row] as number,
      profile: this.profileCodes.value(this.profiles[row] as number),
      submittedBy: this.actorCodes.value(this.submitters[row] as number) as string,
      held: this.held[row] === 1,
    };
  }

  /** Whether a change's compare-and-set holds: the row is at the expected version and status. */
  matches(row: number, change: TransitionChange): boolean {
    return this.version[row] === change.expectedVersion && this.statusOf(row) === change.from;
  }

  /** Writes what a change sets: the status, failure reason, stamps, deadline, `updatedAt`, the next version. */
  apply(row: number, change: TransitionChange): void {
    const stamps = change.stamps;
    const base = this.createdAt[row] as number;
    this.status[row] = this.statuses.code(change.to);
    this.failureReason[row] = this.reasonCodes.code(change.failureReason);
    this.updatedAt.set(row, base, change.at);
    if (typeof stamps.transmittedAt === "number") this.transmittedAt.set(row, base, stamps.transmittedAt);
    if (typeof stamps.acknowledgedAt === "number") this.acknowledgedAt.set(row, base, stamps.acknowledgedAt);
    if (typeof stamps.executedAt === "number") this.executedAt.set(row, base, stamps.executedAt);
    if (typeof stamps.failedAt === "number") this.failedAt.set(row, base, stamps.failedAt);
    if (typeof stamps.cancelledAt === "number") this.cancelledAt.set(row, base, stamps.cancelledAt);
    this.deadline.set(row, base, change.deadline);
    this.version[row] = change.expectedVersion + 1;
    if (change.held !== undefined) this.held[row] = change.held ? 1 : 0;
  }

  statusOf(row: number): TelecommandStatus {
    return this.statuses.value(this.status[row] as number) as TelecommandStatus;
  }

  spacecraftOf(row: number): string {
    return this.spacecraftCodes.value(this.spacecraft[row] as number) as string;
  }

  /** Code of a spacecraft id (rows' `spacecraft` column), or -1 for one no command has. */
  spacecraftCode(spacecraftId: string): number {
    return this.spacecraftCodes.find(spacecraftId);
  }

  /** The `notBefore` of a row (NaN for null). */
  notBeforeOf(row: number): Instant {
    return this.notBefore.get(row, this.createdAt[row] as number);
  }

  /** The deadline of a row (NaN for null). */
  deadlineOf(row: number): Instant {
    return this.deadline.get(row, this.createdAt[row] as number);
  }

  /** Writes the fields a stored command may change. */
  private set(row: number, command: Telecommand): void {
    const base = command.createdAt;
    this.status[row] = this.statuses.code(command.status);
    this.failureReason[row] = this.reasonCodes.code(command.failureReason);
    this.updatedAt.set(row, base, command.updatedAt);
    this.transmittedAt.set(row, base, command.transmittedAt);
    this.acknowledgedAt.set(row, base, command.acknowledgedAt);
    this.executedAt.set(row, base, command.executedAt);
    this.failedAt.set(row, base, command.failedAt);
    this.cancelledAt.set(row, base, command.cancelledAt);
    this.deadline.set(row, base, command.deadline);
    this.version[row] = command.version;
    this.held[row] = command.held ? 1 : 0;
  }

  private grow(): void {
    const n = this.status.length * 2;
    this.spacecraft = widened(this.spacecraft, n);
    this.names = widened(this.names, n);
    this.profiles = widened(this.profiles, n);
    this.submitters = widened(this.submitters, n);
    this.held = widened(this.held, n);
    this.status = widened(this.status, n);
    this.failureReason = widened(this.failureReason, n);
    this.version = widened(this.version, n);
    this.priority = widened(this.priority, n);
    this.createdAt = widened(this.createdAt, n);
    for (const column of [
      this.updatedAt,
      this.transmittedAt,
      this.acknowledgedAt,
      this.executedAt,
      this.failedAt,
      this.cancelledAt,
      this.notBefore,
      this.notAfter,
      this.deadline,
    ])
      column.grow(n);
  }
}
