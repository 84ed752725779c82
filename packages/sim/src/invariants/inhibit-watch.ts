/**
 * The spacecraft's inhibited command names as the trace's `inhibit` records set them, and each
 * command's name, for `transmit-not-inhibited`. A trace without inhibit records costs one
 * array slot per command.
 */
export class InhibitWatch {
  private readonly names: string[] = [];
  private readonly inhibited = new Map<string, ReadonlySet<string>>();
  private readonly spacecraft: string[] = [];

  /** A command was submitted (`row` from the command table). */
  submit(row: number, name: string, spacecraftId: string): void {
    this.names[row] = name;
    this.spacecraft[row] = spacecraftId;
  }

  /** A spacecraft's inhibited names are now exactly `commands`. */
  set(spacecraftId: string, commands: readonly string[]): void {
    this.inhibited.set(spacecraftId, new Set(commands));
  }

  /** Whether the command at `row` is inhibited by name on its spacecraft now. */
  isInhibited(row: number): boolean {
    if (this.inhibited.size === 0) return false;
    const names = this.inhibited.get(this.spacecraft[row] as string);
    return names?.has(this.names[row] as string) === true;
  }
}
