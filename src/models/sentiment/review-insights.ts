import type { Warehouse } from '../../sql/warehouse.ts';
import { aspectById, ASPECT_LEXICON_ID, ASPECTS, type AspectDefinition } from './aspect-lexicon.ts';
import type { AspectMention } from './aspect-tagger.ts';
import { loadReviews, resolveReviewFilters, type ReviewFilters, type ReviewRecord } from './load-reviews.ts';
import { ratingLabel } from './sentiment-model.ts';
import { analyseReview, sentimentModelFor, type ReviewAnalysis } from './sentiment-model-store.ts';
import { ensureReviewAnalyses } from './stored-review-analyses.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';

export type InsightPolarity = 'negative' | 'positive' | 'all';

export interface ReviewInsightsRequest extends ReviewFilters {
  /** 'negative' = complaints, 'positive' = praise, 'all' = every mention. */
  polarity: InsightPolarity;
  topK: number;
  examplesPerAspect?: number;
  /** Examples in this language come first (the conversation's language). */
  language?: 'zh' | 'en';
  onProgress?: TrainingProgressListener;
  signal?: AbortSignal;
}

export interface ReviewExample {
  review: ReviewRecord;
  /** The clause that named the aspect. */
  clause: string;
  polarity: AspectMention['polarity'];
}

export interface AspectInsight {
  aspect: AspectDefinition;
  /** Reviews mentioning the aspect with the requested polarity (any polarity for 'all'). */
  reviews: number;
  /** `reviews` ÷ reviews with at least one aspect mention of the requested polarity. */
  share: number;
  /** `reviews` ÷ all reviews under the filters. */
  shareOfAllReviews: number;
  positive: number;
  negative: number;
  neutral: number;
  /** Mean star rating of the `reviews`. */
  averageRating: number;
  examples: ReviewExample[];
}

export interface ReviewInsights {
  filters: ReviewFilters;
  polarity: InsightPolarity;
  reviews: number;
  /** Reviews with at least one aspect mention of the requested polarity (the denominator of `share`). */
  reviewsWithMentions: number;
  overall: {
    /** Share of reviews the classifier calls positive / negative. */
    modelPositive: number;
    modelNegative: number;
    /** Share of reviews with both a positive and a negative aspect clause. */
    mixed: number;
    /** Star shares: 4–5, 3, 1–2. */
    starsPositive: number;
    starsNeutral: number;
    starsNegative: number;
    averageRating: number;
  };
  aspects: AspectInsight[];
  model: { id: string; aspectLexicon: string; aspects: number; trainedOnReviews: number; positive: number; negative: number; trainingSeconds: number };
}

function wanted(mention: AspectMention, polarity: InsightPolarity): boolean {
  return polarity === 'all' || mention.polarity === polarity;
}

/**
 * Picks example reviews for an aspect: distinct texts, the conversation's language first, then the clearest
 * (for complaints the lowest ratings, for praise the highest, then the strongest clause evidence, then the most liked).
 */
function pickExamples(candidates: { review: ReviewRecord; mention: AspectMention }[], polarity: InsightPolarity, count: number, language?: string): ReviewExample[] {
  const direction = polarity === 'positive' ? -1 : 1;
  const sorted = [...candidates].sort((left, right) => {
    const languageOrder = Number(right.review.language === language) - Number(left.review.language === language);
    if (language !== undefined && languageOrder !== 0) return languageOrder;
    if (polarity !== 'all' && left.review.rating !== right.review.rating) return direction * (left.review.rating - right.review.rating);
    return Math.abs(right.mention.evidence) - Math.abs(left.mention.evidence) || right.review.likes - left.review.likes || left.review.reviewId - right.review.reviewId;
  });
  const examples: ReviewExample[] = [];
  const texts = new Set<string>();
  // For 'all', alternate complaint and praise so both sides are shown.
  const queues = polarity === 'all'
    ? [sorted.filter((entry) => entry.mention.polarity === 'negative'), sorted.filter((entry) => entry.mention.polarity === 'positive'), sorted.filter((entry) => entry.mention.polarity === 'neutral')]
    : [sorted];
  let progress = true;
  while (examples.length < count && progress) {
    progress = false;
    for (const queue of queues) {
      while (queue.length > 0 && examples.length < count) {
        const entry = queue.shift() as { review: ReviewRecord; mention: AspectMention };
        if (texts.has(entry.review.text)) continue;
        texts.add(entry.review.text);
        examples.push({ review: entry.review, clause: entry.mention.clause, polarity: entry.mention.polarity });
        progress = true;
        break;
      }
    }
  }
  return examples;
}

/**
 * What customers praise or complain about: every review under the filters is split into clauses, tagged with
 * aspects by the lexicon and given a polarity by the shop's own sentiment model; aspects are ranked by how many
 * reviews mention them with the requested polarity.
 */
export async function reviewInsights(warehouse: Warehouse, request: ReviewInsightsRequest): Promise<ReviewInsights> {
  const filters = await resolveReviewFilters(warehouse, request);
  const { analyses: stored } = await ensureReviewAnalyses(warehouse, { onProgress: request.onProgress, signal: request.signal });
  const reviews = await loadReviews(warehouse, filters);
  // Every review of the fingerprint is stored; one that is not (written between the two reads) is analysed here.
  const missing = reviews.some((review) => !stored.analyses.has(review.reviewId));
  const state = missing ? await sentimentModelFor(warehouse) : undefined;
  const analyses: ReviewAnalysis[] = reviews.map((review) => stored.analyses.get(review.reviewId) ?? analyseReview(state as NonNullable<typeof state>, review));

  const byAspect = new Map<string, { reviews: Set<number>; positive: Set<number>; negative: Set<number>; neutral: Set<number>; candidates: { review: ReviewRecord; mention: AspectMention }[] }>();
  const withMentions = new Set<number>();
  let mixed = 0;
  let modelPositive = 0;
  const stars = { positive: 0, neutral: 0, negative: 0 };
  let ratingSum = 0;
  reviews.forEach((review, index) => {
    const analysis = analyses[index] as ReviewAnalysis;
    if (analysis.sentiment === 'positive') modelPositive += 1;
    stars[ratingLabel(review.rating) ?? 'neutral'] += 1;
    ratingSum += review.rating;
    const polarities = new Set(analysis.mentions.map((mention) => mention.polarity));
    if (polarities.has('positive') && polarities.has('negative')) mixed += 1;
    for (const mention of analysis.mentions) {
      const entry = byAspect.get(mention.aspect) ?? { reviews: new Set(), positive: new Set(), negative: new Set(), neutral: new Set(), candidates: [] };
      byAspect.set(mention.aspect, entry);
      entry[mention.polarity].add(review.reviewId);
      if (!wanted(mention, request.polarity)) continue;
      entry.reviews.add(review.reviewId);
      entry.candidates.push({ review, mention });
      withMentions.add(review.reviewId);
    }
  });

  const total = reviews.length;
  const ratingOf = new Map(reviews.map((review) => [review.reviewId, review.rating]));
  const aspects: AspectInsight[] = [...byAspect]
    .filter(([, entry]) => entry.reviews.size > 0)
    .map(([id, entry]) => {
      let sum = 0;
      for (const reviewId of entry.reviews) sum += ratingOf.get(reviewId) ?? 0;
      return {
        aspect: aspectById(id) as AspectDefinition,
        reviews: entry.reviews.size,
        share: entry.reviews.size / withMentions.size,
        shareOfAllReviews: entry.reviews.size / total,
        positive: entry.positive.size,
        negative: entry.negative.size,
        neutral: entry.neutral.size,
        averageRating: sum / entry.reviews.size,
        examples: pickExamples(entry.candidates, request.polarity, request.examplesPerAspect ?? 3, request.language),
      };
    })
    .sort((left, right) => right.reviews - left.reviews || left.aspect.id.localeCompare(right.aspect.id))
    .slice(0, request.topK);

  const share = (count: number) => (total === 0 ? 0 : count / total);
  return {
    filters,
    polarity: request.polarity,
    reviews: total,
    reviewsWithMentions: withMentions.size,
    overall: {
      modelPositive: share(modelPositive),
      modelNegative: share(total - modelPositive),
      mixed: share(mixed),
      starsPositive: share(stars.positive),
      starsNeutral: share(stars.neutral),
      starsNegative: share(stars.negative),
      averageRating: total === 0 ? 0 : ratingSum / total,
    },
    aspects,
    model: {
      id: stored.modelId,
      aspectLexicon: ASPECT_LEXICON_ID,
      aspects: ASPECTS.length,
      trainedOnReviews: stored.training.reviews,
      positive: stored.training.positive,
      negative: stored.training.negative,
      trainingSeconds: stored.trainingSeconds,
    },
  };
}
