import type { CommandProfile } from "../types.js";

/**
 * Small integer codes for command profiles: the commands checked against one dictionary entry
 * share one profile object, stored once. Code 0 stands for null (no dictionary). The last
 * profile coded answers first, since a run of submissions often repeats one command.
 */
export class ProfileCodes {
  private readonly codes = new Map<string, number>();
  private readonly profiles: (CommandProfile | null)[] = [null];
  private last: CommandProfile | null = null;
  private lastCode = 0;

  code(profile: CommandProfile | null): number {
    if (profile === null) return 0;
    if (profile === this.last) return this.lastCode;
    const key = `${profile.dictionaryVersion}\u0000${profile.category}\u0000${profile.hazardous}\u0000${profile.acceptanceMs}\u0000${profile.executionMs}`;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.profiles.length;
      this.codes.set(key, code);
      this.profiles.push(profile);
    }
    this.last = profile;
    this.lastCode = code;
    return code;
  }

  value(code: number): CommandProfile | null {
    return this.profiles[code] ?? null;
  }
}
