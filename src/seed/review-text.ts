import type { ReviewAspect } from './catalogue.ts';
import type { SeededRandom } from '../random/seeded-random.ts';
import { ASPECT_PHRASES, CLOSERS, CONCESSION_EN, CONCESSION_ZH, CONTRAST_EN, CONTRAST_ZH, OPENERS } from './review-phrases.ts';

export type TextSentiment = 'positive' | 'negative' | 'mixed';

export interface ReviewTextInput {
  language: 'zh' | 'en';
  /** Aspects that make sense for the product's category. */
  aspects: readonly ReviewAspect[];
  /** 0..1: chance that any one aspect is praised. */
  satisfaction: number;
  slowDelivery: boolean;
  /** A product-defect complaint to include, already in `language`. */
  defectPhrase: string | undefined;
}

export interface ComposedReview {
  text: string;
  rating: number;
  sentiment: TextSentiment;
  /** False for the deliberately noisy ratings that contradict the text. */
  ratingAgrees: boolean;
}

/** Share of reviews whose star rating deliberately contradicts the text (misclicks, default 5 stars …). */
export const RATING_NOISE = 0.11;

/** The star ratings that agree with a text of the given sentiment. */
export function ratingAgreesWith(sentiment: TextSentiment, rating: number): boolean {
  if (sentiment === 'positive') return rating >= 4;
  if (sentiment === 'negative') return rating <= 2;
  return rating >= 2 && rating <= 4;
}

export function composeReview(random: SeededRandom, input: ReviewTextInput): ComposedReview {
  const zh = input.language === 'zh';
  const chosen = chooseAspects(random, input);
  const positives: string[] = [];
  const negatives: string[] = [];
  if (input.defectPhrase) negatives.push(input.defectPhrase);
  for (const aspect of chosen) {
    const praise = aspect === 'logistics' ? random.chance(input.slowDelivery ? 0.2 : 0.85) : random.chance(input.satisfaction);
    const phrases = ASPECT_PHRASES[aspect];
    if (praise) positives.push(random.pick(zh ? phrases.zhPositive : phrases.enPositive));
    else negatives.push(random.pick(zh ? phrases.zhNegative : phrases.enNegative));
  }
  const sentiment: TextSentiment = negatives.length === 0 ? 'positive' : positives.length === 0 ? 'negative' : 'mixed';
  const text = zh ? chineseText(random, sentiment, positives, negatives) : englishText(random, sentiment, positives, negatives);

  let rating = honestRating(random, sentiment);
  const noisy = random.chance(RATING_NOISE);
  if (noisy) rating = contradictingRating(random, sentiment);
  return { text, rating, sentiment, ratingAgrees: ratingAgreesWith(sentiment, rating) };
}

function chooseAspects(random: SeededRandom, input: ReviewTextInput): ReviewAspect[] {
  const count = random.weightedPick([1, 2, 3], [40, 40, 20]);
  const pool = [...input.aspects];
  const chosen: ReviewAspect[] = [];
  // Late parcels get talked about.
  if (input.slowDelivery && pool.includes('logistics') && random.chance(0.6)) chosen.push('logistics');
  while (chosen.length < count && pool.length > 0) {
    // Quality is the aspect people mention most.
    const index = pool.includes('quality') && !chosen.includes('quality') && random.chance(0.35)
      ? pool.indexOf('quality')
      : random.integer(0, pool.length - 1);
    const [aspect] = pool.splice(index, 1);
    if (aspect && !chosen.includes(aspect)) chosen.push(aspect);
  }
  return chosen;
}

function chineseText(random: SeededRandom, sentiment: TextSentiment, positives: string[], negatives: string[]): string {
  if (sentiment === 'positive') return random.pick(OPENERS.zhPositive) + positives.join('，') + random.pick(CLOSERS.zhPositive);
  if (sentiment === 'negative') return random.pick(OPENERS.zhNegative) + negatives.join('，') + random.pick(CLOSERS.zhNegative);
  const praiseFirst = random.chance(0.6);
  const [first, second] = praiseFirst ? [positives, negatives] : [negatives, positives];
  const connector = random.pick(praiseFirst ? CONTRAST_ZH : CONCESSION_ZH);
  return first.join('，') + connector + second.join('，') + random.pick(CLOSERS.zhMixed);
}

function englishText(random: SeededRandom, sentiment: TextSentiment, positives: string[], negatives: string[]): string {
  if (sentiment === 'positive') return random.pick(OPENERS.enPositive) + sentence(positives) + random.pick(CLOSERS.enPositive);
  if (sentiment === 'negative') return random.pick(OPENERS.enNegative) + sentence(negatives) + random.pick(CLOSERS.enNegative);
  const praiseFirst = random.chance(0.6);
  const [first, second] = praiseFirst ? [positives, negatives] : [negatives, positives];
  const connector = random.pick(praiseFirst ? CONTRAST_EN : CONCESSION_EN);
  return sentence(first) + connector + listText(second) + random.pick(CLOSERS.enMixed);
}

function sentence(parts: readonly string[]): string {
  const text = listText(parts);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function honestRating(random: SeededRandom, sentiment: TextSentiment): number {
  if (sentiment === 'positive') return random.chance(0.7) ? 5 : 4;
  if (sentiment === 'negative') return random.chance(0.55) ? 1 : 2;
  return random.weightedPick([3, 4, 2], [50, 35, 15]);
}

function contradictingRating(random: SeededRandom, sentiment: TextSentiment): number {
  if (sentiment === 'positive') return random.integer(1, 2);
  if (sentiment === 'negative') return random.integer(4, 5);
  return random.chance(0.7) ? 5 : 1;
}
