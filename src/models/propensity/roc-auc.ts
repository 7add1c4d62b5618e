/**
 * Area under the ROC curve by ranks (Mann–Whitney U): the probability that a random positive scores above a
 * random negative, ties counting one half (tied scores share their average rank). NaN when there is no
 * positive or no negative, since the AUC is then undefined.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (scores.length !== labels.length) throw new RangeError(`rocAuc got ${scores.length} scores but ${labels.length} labels.`);
  const order = Array.from({ length: scores.length }, (_, index) => index).sort((left, right) => (scores[left] as number) - (scores[right] as number));
  let positiveRankSum = 0;
  let positives = 0;
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end += 1;
    // Ranks start + 1 … end + 1 are shared by the tie group.
    const averageRank = (start + end + 2) / 2;
    for (let position = start; position <= end; position++) {
      if (labels[order[position] as number] === 1) {
        positiveRankSum += averageRank;
        positives += 1;
      }
    }
    start = end + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
