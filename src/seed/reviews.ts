import { CATEGORIES } from './catalogue.ts';
import { SECONDS_PER_DAY } from './calendar.ts';
import type { ProductRecord } from './products.ts';
import type { SeededRandom } from '../random/seeded-random.ts';
import { composeReview } from './review-text.ts';
import type { UserProfile } from './users.ts';

export interface ReviewDraft {
  rating: number;
  text: string;
  language: 'zh' | 'en';
  createdAt: number;
  likes: number;
}

export interface ReviewedLine {
  product: ProductRecord;
  returned: boolean;
  shippedAt: number;
  deliveredAt: number;
}

/** Roughly three in ten delivered lines get a review; returned and defective ones a little more often. */
const BASE_REVIEW_RATE = 0.27;

export function draftReview(
  random: SeededRandom,
  user: UserProfile,
  line: ReviewedLine,
  windowEnd: number,
): ReviewDraft | undefined {
  const { product } = line;
  let chance = BASE_REVIEW_RATE * (user.group === 'loyal' ? 1.4 : 1);
  if (line.returned) chance = 0.5;
  else if (product.defect) chance *= 1.3;
  if (!random.chance(chance)) return undefined;
  const delay = Math.min(20 * SECONDS_PER_DAY, Math.max(3600, random.logNormal(1.5 * SECONDS_PER_DAY, 0.9)));
  const createdAt = line.deliveredAt + Math.round(delay);
  if (createdAt > windowEnd) return undefined;

  const language = user.language;
  const defect = product.defect;
  const mentionsDefect = defect !== undefined && random.chance(Math.min(0.9, defect.mentionRate * (line.returned ? 1.5 : 1)));
  const review = composeReview(random, {
    language,
    aspects: CATEGORIES[product.categoryIndex]!.aspects,
    satisfaction: line.returned ? 0.15 : product.quality,
    slowDelivery: line.deliveredAt - line.shippedAt > 3.2 * SECONDS_PER_DAY,
    defectPhrase: mentionsDefect ? random.pick(language === 'zh' ? defect.zh : defect.en) : undefined,
  });
  // Helpful-votes are heavy-tailed: most reviews get none, a few get hundreds; long ones get more.
  const lengthBoost = review.text.length > (language === 'zh' ? 18 : 60) ? 1.6 : 1;
  const likes = Math.min(5000, Math.floor(Math.exp(random.normal() * 1.5 - 0.5) * lengthBoost));
  return { rating: review.rating, text: review.text, language, createdAt, likes };
}
