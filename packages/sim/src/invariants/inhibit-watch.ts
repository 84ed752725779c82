/** A command's name, spacecraft and category: what `transmit-not-inhibited` looks at. */
interface CommandKind {
  readonly name: string;
  readonly spacecraftId: string;
  readonly category: string | undefined;
}

/**
 * The spacecraft's inhibited command names and categories as the trace's `inhibit` records set
 * them, and each command's name, spacecraft and category, for `transmit-not-inhibited`. The same
 * few (name, spacecraft, category) recur over a million commands: a command keeps the code of
 * its kind, four bytes, rather than two or three strings' slots.
 */
export class InhibitWatch {
  private kinds: Uint32Array;
  private readonly kindList: CommandKind[] = [];
  /** Codes by spacecraft, then name, then category. */
  private readonly kindCodes = new Map<string, Map<string, Map<string | undefined, number>>>();
  private readonly inhibited = new Map<
    string,
    { readonly names: ReadonlySet<string>; readonly categories: ReadonlySet<string> }
  >();

  /** @param rows how many commands to make room for at once (more are added as needed). */
  constructor(rows = 1024) {
    this.kinds = new Uint32Array(Math.max(1, rows));
  }

  /** A command was submitted (`row` from the command table). */
  submit(row: number, name: string, spacecraftId: string, category?: string): void {
    if (row >= this.kinds.length) {
      const wider = new Uint32Array(Math.max(row + 1, this.kinds.length * 2));
      wider.set(this.kinds);
      this.kinds = wider;
    }
    this.kinds[row] = this.codeOf(name, spacecraftId, category);
  }

  /** A spacecraft's inhibited names and categories are now exactly these. */
  set(spacecraftId: string, commands: readonly string[], categories: readonly string[] = []): void {
    this.inhibited.set(spacecraftId, { names: new Set(commands), categories: new Set(categories) });
  }

  /** Whether the command at `row` is inhibited, by name or category, on its spacecraft now. */
  isInhibited(row: number): boolean {
    if (this.inhibited.size === 0) return false;
    const kind = this.kindList[this.kinds[row] as number];
    if (kind === undefined) return false;
    const set = this.inhibited.get(kind.spacecraftId);
    if (set === undefined) return false;
    if (set.names.has(kind.name)) return true;
    return kind.category !== undefined && set.categories.has(kind.category);
  }

  private codeOf(name: string, spacecraftId: string, category: string | undefined): number {
    let byName = this.kindCodes.get(spacecraftId);
    if (byName === undefined) {
      byName = new Map();
      this.kindCodes.set(spacecraftId, byName);
    }
    let byCategory = byName.get(name);
    if (byCategory === undefined) {
      byCategory = new Map();
      byName.set(name, byCategory);
    }
    let code = byCategory.get(category);
    if (code === undefined) {
      code = this.kindList.length;
      byCategory.set(category, code);
      this.kindList.push({ name, spacecraftId, category });
    }
    return code;
  }
}
