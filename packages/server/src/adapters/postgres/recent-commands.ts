import type { Telecommand } from "@uplink/core";

/**
 * The latest copy this process has seen of recently stored commands (from claims, reads and
 * transitions), by id, at most `capacity` of them, the least recently seen dropped first.
 * A copy at a given version is exact: every write of a command's columns raises its version.
 * A copy may still be out of date, since other processes write too.
 *
 * @example
 * const recent = new RecentCommands(32_768);
 * recent.keep(command);
 * recent.at(command.id, command.version); // command
 */
export class RecentCommands {
  private readonly byId = new Map<string, Telecommand>();

  constructor(private readonly capacity: number) {}

  /** The latest copy of a command, if one is kept. */
  latest(id: string): Telecommand | undefined {
    return this.byId.get(id);
  }

  /** The copy of a command at exactly `version`, if that is the one kept. */
  at(id: string, version: number): Telecommand | undefined {
    const kept = this.byId.get(id);
    return kept !== undefined && kept.version === version ? kept : undefined;
  }

  /** Keeps `command`, unless a later version of it is kept already. */
  keep(command: Telecommand): void {
    const kept = this.byId.get(command.id);
    if (kept !== undefined) {
      if (kept.version > command.version) return;
      // Deleted first, so that it moves to the end of the eviction order.
      this.byId.delete(command.id);
    }
    this.byId.set(command.id, command);
    if (this.byId.size > this.capacity) {
      const oldest = this.byId.keys().next();
      if (!oldest.done) this.byId.delete(oldest.value);
    }
  }
}
