import { describe, expect, it } from 'vitest';
import { generateParaphrases } from './generate-paraphrases.ts';
import { scoreParaphrases } from './score-paraphrases.ts';

/**
 * CI gate of the understanding's generalisation: at least 2,000 generated bilingual questions over the
 * catalogue's synonyms, dimensions, values and time expressions, parsed at ≥ 95% overall and per language.
 */
describe('generated paraphrase suite', () => {
  const paraphrases = generateParaphrases();
  const verdicts = scoreParaphrases(paraphrases);

  it('has at least 2,000 questions, half in each language', () => {
    expect(paraphrases.length).toBeGreaterThanOrEqual(2000);
    const zh = paraphrases.filter((paraphrase) => paraphrase.language === 'zh').length;
    expect(Math.abs(zh - (paraphrases.length - zh))).toBeLessThan(paraphrases.length * 0.05);
    expect(new Set(paraphrases.map((paraphrase) => paraphrase.id)).size).toBe(paraphrases.length);
  });

  it('parses at least 95% correctly, overall and in each language', () => {
    const share = (language?: string) => {
      const subset = verdicts.filter((verdict) => !language || verdict.paraphrase.language === language);
      return subset.filter((verdict) => verdict.passed).length / subset.length;
    };
    const byTemplate = new Map<string, { passed: number; total: number }>();
    for (const verdict of verdicts) {
      const key = `${verdict.paraphrase.language}/${verdict.paraphrase.template}`;
      const tally = byTemplate.get(key) ?? { passed: 0, total: 0 };
      tally.total += 1;
      if (verdict.passed) tally.passed += 1;
      byTemplate.set(key, tally);
    }
    process.stdout.write(
      `paraphrase suite: ${(share() * 100).toFixed(1)}% of ${verdicts.length} (en ${(share('en') * 100).toFixed(1)}%, zh ${(share('zh') * 100).toFixed(1)}%)\n` +
        [...byTemplate].map(([key, tally]) => `  ${key}: ${tally.passed}/${tally.total}`).join('\n') +
        '\n' +
        verdicts.filter((verdict) => !verdict.passed).slice(0, 25).map((verdict) => `  ✗ ${verdict.paraphrase.question} — ${verdict.difference}`).join('\n') +
        '\n',
    );
    expect(share()).toBeGreaterThanOrEqual(0.95);
    expect(share('en')).toBeGreaterThanOrEqual(0.95);
    expect(share('zh')).toBeGreaterThanOrEqual(0.95);
  });
});
