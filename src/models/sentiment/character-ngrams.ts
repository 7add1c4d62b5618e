const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[\p{L}\p{N}]+/gu;

/**
 * Character n-grams of a text, for words the word model never saw: bigrams inside runs of Han characters
 * (质量差 → 质量, 量差) and trigrams of Latin words padded with word edges (flimsy → ^fl, fli, …, sy$).
 */
export function characterNgrams(text: string): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  const grams: string[] = [];
  for (const [run] of lower.matchAll(HAN_RUN)) {
    if (run.length === 1) grams.push(`c:${run}`);
    for (let index = 0; index + 2 <= run.length; index++) grams.push(`c:${run.slice(index, index + 2)}`);
  }
  for (const [word] of lower.replace(HAN_RUN, ' ').matchAll(LATIN_WORD)) {
    const padded = `^${word}$`;
    for (let index = 0; index + 3 <= padded.length; index++) grams.push(`c:${padded.slice(index, index + 3)}`);
  }
  return grams;
}
