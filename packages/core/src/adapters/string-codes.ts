/**
 * Small integer codes for strings that recur (statuses, spacecraft ids, command names, failure
 * reasons), so that a column stores a number and a read hands back the one shared string.
 * Code 0 stands for null.
 */
export class StringCodes<T extends string = string> {
  private readonly codes = new Map<string, number>();
  private readonly strings: (T | null)[] = [null];

  /** The code of a string, a new one the first time. */
  code(value: T | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.strings.length;
      this.codes.set(value, code);
      this.strings.push(value);
    }
    return code;
  }

  /** The code of a string already coded, or -1. */
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  /** The string of a code (null for 0). */
  value(code: number): T | null {
    return this.strings[code] as T | null;
  }
}
