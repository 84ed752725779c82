/** The child Node's V8 flags and environment for a run of `uplink-sim` with these arguments. */
export function childOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { flags: string[]; env: Record<string, string | undefined> };
