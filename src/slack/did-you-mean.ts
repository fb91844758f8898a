/**
 * "Did you mean …?" for what people type after /charter: a misspelt subcommand (`stauts`) or part of a
 * charter's slug (`sunset-sail`). Pure; it only ranks the candidates it is given and never looks anything up.
 */

/** Edit distance with adjacent transpositions (optimal string alignment): `stauts` is one step from `status`. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The closest word within two edits (one for short words), or undefined when nothing is that close. */
export function closestWord(typed: string, words: readonly string[]): string | undefined {
  const input = typed.toLowerCase();
  if (!input) return undefined;
  const limit = input.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const word of words) {
    const distance = editDistance(input, word.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word;
}

/**
 * Slugs that a partial or misspelt slug could mean: those containing it first (`sunset-sail` →
 * `sunset-sail-smith-2026-12-05`), then those within two edits. At most `limit`, in the order given otherwise.
 */
export function slugsLike(typed: string, slugs: readonly string[], limit = 3): string[] {
  const input = typed.toLowerCase();
  if (input.length < 3) return [];
  const containing = slugs.filter((s) => s.includes(input));
  const close = slugs.filter((s) => !s.includes(input) && editDistance(input, s) <= 2);
  return [...containing, ...close].slice(0, limit);
}
