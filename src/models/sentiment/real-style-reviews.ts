import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { binaryClassificationMetrics, type BinaryClassificationMetrics } from './classification-metrics.ts';
import type { SentimentModel } from './sentiment-model.ts';
import { SentimentError } from './sentiment-error.ts';

/**
 * 400 short reviews written for ShopLens in the styles of JD/Taobao (zh) and Amazon (en) reviews, balanced by
 * label and language, with negation, degree words and contrast. A test set only: never trained or tuned on, so
 * accuracy on it says how the model holds up on shoppers' language it never saw (the demo's phrases are few).
 */
export const REAL_STYLE_REVIEWS_URL = new URL('./real-style-reviews.jsonl', import.meta.url);

const realStyleReview = z.object({ text: z.string().min(1), label: z.enum(['positive', 'negative']), language: z.enum(['zh', 'en']) });
export type RealStyleReview = z.infer<typeof realStyleReview>;

export function loadRealStyleReviews(url: URL = REAL_STYLE_REVIEWS_URL): RealStyleReview[] {
  return readFileSync(url, 'utf8').split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new SentimentError(`${url.pathname} line ${index + 1}: not JSON (${(error as Error).message})`, { kind: 'bad_parameter' });
    }
    const parsed = realStyleReview.safeParse(value);
    if (!parsed.success) throw new SentimentError(`${url.pathname} line ${index + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`, { kind: 'bad_parameter' });
    return [parsed.data];
  });
}

export interface RealStyleScore {
  all: BinaryClassificationMetrics;
  byLanguage: Record<'zh' | 'en', BinaryClassificationMetrics>;
}

/** The model's whole-review labels against the set's labels, overall and per language. */
export function scoreRealStyle(model: SentimentModel, reviews: readonly RealStyleReview[] = loadRealStyleReviews()): RealStyleScore {
  const outcomes = reviews.map((review) => ({ language: review.language, actual: review.label === 'positive', predicted: model.classifyText(review.text) === 'positive' }));
  return {
    all: binaryClassificationMetrics(outcomes),
    byLanguage: {
      zh: binaryClassificationMetrics(outcomes.filter((outcome) => outcome.language === 'zh')),
      en: binaryClassificationMetrics(outcomes.filter((outcome) => outcome.language === 'en')),
    },
  };
}
