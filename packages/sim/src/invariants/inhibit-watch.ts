/**
 * The spacecraft's inhibited command names and categories as the trace's `inhibit` records set
 * them, and each command's name and category, for `transmit-not-inhibited`. A trace without
 * inhibit records costs one array slot per command (two with a dictionary).
 */
export class InhibitWatch {
  private readonly names: string[] = [];
  private readonly categories: (string | undefined)[] = [];
  private readonly inhibited = new Map<
    string,
    { readonly names: ReadonlySet<string>; readonly categories: ReadonlySet<string> }
  >();
  private readonly spacecraft: string[] = [];

  /** A command was submitted (`row` from the command table). */
  submit(row: number, name: string, spacecraftId: string, category?: string): void {
    this.names[row] = name;
    this.spacecraft[row] = spacecraftId;
    if (category !== undefined) this.categories[row] = category;
  }

  /** A spacecraft's inhibited names and categories are now exactly these. */
  set(spacecraftId: string, commands: readonly string[], categories: readonly string[] = []): void {
    this.inhibited.set(spacecraftId, { names: new Set(commands), categories: new Set(categories) });
  }

  /** Whether the command at `row` is inhibited, by name or category, on its spacecraft now. */
  isInhibited(row: number): boolean {
    if (this.inhibited.size === 0) return false;
    const set = this.inhibited.get(this.spacecraft[row] as string);
    if (set === undefined) return false;
    if (set.names.has(this.names[row] as string)) return true;
    const category = this.categories[row];
    return category !== undefined && set.categories.has(category);
  }
}
