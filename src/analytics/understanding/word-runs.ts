/** A stretch of a text made of consecutive words, with only what `gap` allows between them. */
export interface WordRun {
  start: number;
  end: number;
  words: string[];
}

/**
 * The words as they follow each other in the text (lower-cased), grouped into runs: a word joins the run before it
 * when the text between them matches `gap` ("huawei mate 60", "white hanging heart t-light"). Words not found after
 * the previous one are skipped.
 */
export function wordRuns(text: string, words: readonly string[], gap: RegExp): WordRun[] {
  const runs: WordRun[] = [];
  let from = 0;
  for (const word of words) {
    const at = text.indexOf(word.toLowerCase(), from);
    if (at === -1) continue;
    from = at + word.length;
    const last = runs[runs.length - 1];
    if (last && gap.test(text.slice(last.end, at))) {
      last.end = from;
      last.words.push(word);
    } else runs.push({ start: at, end: from, words: [word] });
  }
  return runs;
}
