import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRealStyleReviews } from './real-style-reviews.ts';

describe('real-style review test set', () => {
  it('holds at least 400 distinct reviews, balanced by label within each language', () => {
    const reviews = loadRealStyleReviews();
    expect(reviews.length).toBeGreaterThanOrEqual(400);
    expect(new Set(reviews.map((review) => review.text)).size).toBe(reviews.length);
    for (const language of ['zh', 'en'] as const) {
      const inLanguage = reviews.filter((review) => review.language === language);
      expect(inLanguage.length).toBe(reviews.length / 2);
      expect(inLanguage.filter((review) => review.label === 'positive').length).toBe(inLanguage.length / 2);
    }
  });

  it('names the line of a malformed entry', () => {
    const folder = mkdtempSync(join(tmpdir(), 'real-style-'));
    const file = join(folder, 'bad.jsonl');
    writeFileSync(file, '{"text":"好","label":"positive","language":"zh"}\n{"text":"bad","label":"meh","language":"en"}\n');
    expect(() => loadRealStyleReviews(pathToFileURL(file))).toThrow(/line 2: label/);
  });
});
