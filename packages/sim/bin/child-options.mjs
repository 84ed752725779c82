// The child Node's flags and environment for a run of `uplink-sim` (see uplink-sim.mjs).

/**
 * The simulator's own heap settings, set by the bin so that every run of the command (and the
 * benchmark, which runs the command) gets them. A run keeps about 130 bytes of JavaScript heap
 * a command (the repository's ids and args, the checker's and the spacecraft's sets) besides
 * its typed-array columns, and allocates short-lived objects for every command. Left alone, V8
 * lets the old generation grow to several times what is live before it collects: a million
 * commands peak at about 700 MiB. Capping the old generation at 128 MiB plus 200 bytes a
 * command (as --commands says; 319 MiB for a million) keeps that run under the 512 MiB budget,
 * at a few per cent of time; the cap grows with the run, so a larger one does not run out of
 * heap. A --max-old-space-size of your own in NODE_OPTIONS wins. The young generation's
 * semi-spaces are 8 MiB: 16 cost about 24 MiB more at peak for no measurable speed
 * (alternated 200 000-command runs: 41 459 commands per CPU-second at 16, 43 869 at 8).
 *
 * glibc's malloc raises its mmap threshold each time a large block is freed, so the
 * typed-array columns a run outgrows are then served from its heap and stay in the process's
 * memory: a fixed threshold of 64 KiB hands every large block back to the system when freed,
 * about 30 MiB less at a million commands. A MALLOC_MMAP_THRESHOLD_ of your own wins.
 *
 * @param {readonly string[]} argv the command's arguments
 * @param {Record<string, string | undefined>} env the command's environment
 * @returns {{ flags: string[], env: Record<string, string | undefined> }}
 */
export function childOptions(argv, env) {
  const flags = ["--max-semi-space-size=8"];
  if (!/--max-old-space-size/.test(env.NODE_OPTIONS ?? "")) {
    const commands = commandsOf(argv);
    flags.push(`--max-old-space-size=${Math.ceil(128 + (commands * 200) / 2 ** 20)}`);
  }
  return { flags, env: { MALLOC_MMAP_THRESHOLD_: "65536", ...env } };
}

/** The value of `--commands N` or `--commands=N` (0 when absent or bad: the CLI says why). */
function commandsOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    const match = /^--commands(?:=(.*))?$/.exec(argv[i]);
    if (!match) continue;
    const n = Number(match[1] ?? argv[i + 1]);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  }
  return 0;
}
