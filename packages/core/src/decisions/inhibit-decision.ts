import type { Inhibits } from "../inhibits/inhibits.js";
import type { Telecommand } from "../types.js";

/** A spacecraft's inhibits as sets, built once per change, looked up on every submission and turn. */
export class InhibitSet {
  private readonly categories: ReadonlySet<string>;
  private readonly commands: ReadonlySet<string>;
  /** True when nothing is inhibited: the common case costs one test. */
  readonly empty: boolean;

  constructor(readonly inhibits: Inhibits) {
    this.categories = new Set(inhibits.categories);
    this.commands = new Set(inhibits.commands);
    this.empty = this.categories.size === 0 && this.commands.size === 0;
  }

  /**
   * SPEC §9's rule, the one place it is written: a command is inhibited by its name, or by its
   * dictionary category; `command` when by name (it wins), `category`, or null when not.
   */
  reasonFor(name: string, category: string | null): "command" | "category" | null {
    if (this.empty) return null;
    if (this.commands.has(name)) return "command";
    if (category !== null && this.categories.has(category)) return "category";
    return null;
  }
}

/** Whether a queued command may no longer be sent: its name or category is inhibited now. */
export function isInhibited(
  command: Pick<Telecommand, "name" | "profile">,
  inhibits: InhibitSet | null,
): boolean {
  return inhibits !== null && inhibits.reasonFor(command.name, command.profile?.category ?? null) !== null;
}
