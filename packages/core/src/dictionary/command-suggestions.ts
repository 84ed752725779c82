/** At most this many suggestions for an unknown name. */
const MAX_SUGGESTIONS = 5;

/**
 * The known names closest to an unknown one, closest first: the same name in another case,
 * names it starts or that start with it, and names within a small edit distance (about one
 * edit in three characters).
 *
 * @example
 * suggestCommands("SET_MODEE", ["SET_MODE", "RECOVER"]); // ["SET_MODE"]
 */
export function suggestCommands(name: string, known: Iterable<string>): string[] {
  const wanted = name.toUpperCase();
  const budget = Math.max(1, Math.floor(wanted.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const candidate of known) {
    const upper = candidate.toUpperCase();
    let score: number;
    if (upper === wanted) score = 0;
    else if (wanted.length >= 3 && (upper.startsWith(wanted) || wanted.startsWith(upper))) score = 0.5;
    else {
      if (Math.abs(upper.length - wanted.length) > budget) continue;
      const distance = editDistance(wanted, upper, budget);
      if (distance > budget) continue;
      score = distance;
    }
    scored.push({ name: candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, MAX_SUGGESTIONS).map((entry) => entry.name);
}

/** Levenshtein distance, giving up (returning `limit + 1`) once every path exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}
