import { segmentWords } from '../../text/word-segmenter.ts';

const STOP_WORDS = new Set(['the', 'a', 'an', 'and', 'or', 'for', 'of', 'with', 'in', 'on', 'to', '的', '了', '和', '与']);

/** Words of a short text: jieba for Chinese, lowercase words for the rest; punctuation and stop words dropped. */
export function termsOf(text: string): string[] {
  return segmentWords(text.normalize('NFKC').toLowerCase())
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .filter((term) => !STOP_WORDS.has(term) && !(term.length === 1 && /[a-z]/.test(term)));
}

export interface WeightedText {
  text: string;
  weight: number;
}

/**
 * The terms that set each group apart: a term scores p·ln(p/q), where p is its weighted share in the group
 * and q its share over all groups (its contribution to the groups' KL divergence from the whole), so a term
 * must be both common in the group and rarer elsewhere. Each term counts once per text.
 */
export function distinctiveTerms(groups: WeightedText[][], limit = 5): string[][] {
  const termSets = groups.map((group) => group.map((entry) => ({ terms: new Set(termsOf(entry.text)), weight: entry.weight })));
  const overall = new Map<string, number>();
  let overallWeight = 0;
  for (const group of termSets) {
    for (const { terms, weight } of group) {
      overallWeight += weight;
      for (const term of terms) overall.set(term, (overall.get(term) ?? 0) + weight);
    }
  }
  return termSets.map((group) => {
    const counts = new Map<string, number>();
    let groupWeight = 0;
    for (const { terms, weight } of group) {
      groupWeight += weight;
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + weight);
    }
    return [...counts]
      .map(([term, count]) => {
        const share = count / groupWeight;
        const overallShare = (overall.get(term) ?? count) / overallWeight;
        return { term, score: share * Math.log(share / overallShare) };
      })
      .filter((entry) => entry.score > 0)
      .sort((left, right) => right.score - left.score || left.term.localeCompare(right.term))
      .slice(0, limit)
      .map((entry) => entry.term);
  });
}
