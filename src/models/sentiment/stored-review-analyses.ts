import { z } from 'zod';
import { behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { ensureTrained } from '../model-store/ensure-trained.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';
import { loadReviews, reviewsFingerprint } from './load-reviews.ts';
import { analyseReview, sentimentModelFor, type ReviewAnalysis } from './sentiment-model-store.ts';

/**
 * Every review's analysis (overall polarity, aspect mentions clause by clause) under the shop's sentiment model,
 * computed once per reviews fingerprint and stored in the model store: training the model and analysing ~17k demo
 * reviews takes seconds, reading them back well under one.
 */
export interface ReviewAnalyses {
  modelId: string;
  training: { reviews: number; positive: number; negative: number };
  trainingSeconds: number;
  analyses: Map<number, ReviewAnalysis>;
}

const polaritySchema = z.enum(['positive', 'negative', 'neutral']);
// Compact rows: [review id, sentiment, [aspect, polarity, clause, evidence][]].
const payloadSchema = z.object({
  modelId: z.string(),
  training: z.object({ reviews: z.number(), positive: z.number(), negative: z.number() }),
  trainingSeconds: z.number(),
  analyses: z.array(z.tuple([z.number(), z.enum(['positive', 'negative']), z.array(z.tuple([z.string(), polaritySchema, z.string(), z.number()]))])),
});

function serialize(payload: ReviewAnalyses): z.infer<typeof payloadSchema> {
  return {
    modelId: payload.modelId,
    training: payload.training,
    trainingSeconds: payload.trainingSeconds,
    analyses: [...payload.analyses].map(([reviewId, analysis]) => [
      reviewId,
      analysis.sentiment,
      analysis.mentions.map((mention) => [mention.aspect, mention.polarity, mention.clause, mention.evidence] as [string, 'positive' | 'negative' | 'neutral', string, number]),
    ]),
  };
}

function parse(payload: unknown): ReviewAnalyses | null {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const analyses = new Map<number, ReviewAnalysis>();
  for (const [reviewId, sentiment, mentions] of parsed.data.analyses) {
    analyses.set(reviewId, { sentiment, mentions: mentions.map(([aspect, polarity, clause, evidence]) => ({ aspect, polarity, clause, evidence })) });
  }
  return { modelId: parsed.data.modelId, training: parsed.data.training, trainingSeconds: parsed.data.trainingSeconds, analyses };
}

export async function ensureReviewAnalyses(
  warehouse: Warehouse,
  options: { onProgress?: TrainingProgressListener; signal?: AbortSignal } = {},
): Promise<{ analyses: ReviewAnalyses; reused: boolean }> {
  const ensured = await ensureTrained<ReviewAnalyses>({
    warehouse,
    model: 'review_sentiment',
    parameters: {},
    fingerprint: await reviewsFingerprint(warehouse),
    async train(control) {
      control.report('training the sentiment model', 5);
      const state = await sentimentModelFor(warehouse);
      control.throwIfCancelled();
      const reviews = await loadReviews(warehouse);
      const analyses = new Map<number, ReviewAnalysis>();
      for (const [index, review] of reviews.entries()) {
        analyses.set(review.reviewId, analyseReview(state, review));
        if (index % 1000 === 999) {
          control.report('analysing reviews', 10 + (85 * index) / reviews.length);
          control.throwIfCancelled();
          // Let progress events and a cancel reach the caller between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const training = state.model.training;
      const dates = await behaviourReader(warehouse).query(`SELECT CAST(min(created_at) AS DATE) AS start, CAST(max(created_at) AS DATE) AS finish FROM reviews`);
      return {
        payload: { modelId: state.model.id, training: { reviews: training.reviews, positive: training.positive, negative: training.negative }, trainingSeconds: state.trainingSeconds, analyses },
        dataWindow: { start: (dates.rows[0]?.start as string | null) ?? null, end: (dates.rows[0]?.finish as string | null) ?? null },
        metrics: { reviews_analysed: analyses.size, training_reviews: training.reviews },
      };
    },
    serializePayload: serialize,
    parsePayload: parse,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  return { analyses: ensured.payload, reused: ensured.source !== 'trained' };
}
