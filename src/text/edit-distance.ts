/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two neighbours each
 * cost 1 ("reveune" → "revenue" is 1). Stops early and returns `limit + 1` once the distance must exceed it.
 */
export function editDistance(left: string, right: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(left.length - right.length) > limit) return limit + 1;
  const previousRow: number[] = Array.from({ length: right.length + 1 }, (_, index) => index);
  let beforePrevious: number[] = [];
  for (let row = 1; row <= left.length; row += 1) {
    const current: number[] = [row];
    let rowMinimum = row;
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min((previousRow[column] as number) + 1, (current[column - 1] as number) + 1, (previousRow[column - 1] as number) + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        value = Math.min(value, (beforePrevious[column - 2] as number) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = [...previousRow];
    previousRow.splice(0, previousRow.length, ...current);
  }
  return previousRow[right.length] as number;
}

/** Character-bigram overlap (Dice coefficient, 0–1): a cheap similarity for suggesting the nearest names. */
export function bigramSimilarity(left: string, right: string): number {
  const grams = (text: string) => {
    const padded = ` ${text} `;
    const list: string[] = [];
    for (let index = 0; index < padded.length - 1; index += 1) list.push(padded.slice(index, index + 2));
    return list;
  };
  const leftGrams = grams(left);
  const rightGrams = grams(right);
  const counts = new Map<string, number>();
  for (const gram of leftGrams) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of rightGrams) {
    const count = counts.get(gram) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(gram, count - 1);
    }
  }
  return (2 * shared) / (leftGrams.length + rightGrams.length);
}
