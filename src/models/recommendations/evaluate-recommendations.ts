import type { Warehouse } from '../../sql/warehouse.ts';
import { defaultEncoderSelection } from '../embeddings/default-encoder.ts';
import type { ModelReport } from '../model-report.ts';
import { ownerOfUser, type Interaction } from './interactions.ts';
import { leaveLastOutSplit } from './leave-last-out.ts';
import { loadCatalog } from './product-catalog.ts';
import { RankingTally, type RankingScores } from './ranking-metrics.ts';
import { RecommendationError } from './recommendation-error.ts';
import { buildRecommender, DEFAULT_CONTENT_WEIGHT, recommendFromSeeds } from './recommender.ts';
import type { SelectEncoder } from './recommender-store.ts';
import { titleVectors } from './title-vectors.ts';
import { shopperSeeds } from './user-seeds.ts';

export const EVALUATION_K = 10;

export interface RecommendationEvaluationOptions {
  selectEncoder?: SelectEncoder;
  /** Content weights to score besides popularity; default: the served blend, co-occurrence only, titles only. */
  contentWeights?: readonly number[];
}

export interface RecommendationEvaluation {
  k: number;
  eligibleShoppers: number;
  rebuyOnlyShoppers: number;
  /** Per content weight (0 = co-occurrence only, 1 = titles only). */
  byContentWeight: Map<number, RankingScores>;
  popularity: RankingScores;
  /**
   * The same with products the shopper had viewed, carted or favourited before the cutoff removed from every
   * list (blend, co-occurrence only, popularity): how much comes from re-surfacing what they already looked at.
   */
  unseenOnly: { blend: RankingScores; coOccurrence: RankingScores; popularity: RankingScores };
  /** Share of cases where the blend found at least one product by co-occurrence or similarity (not popularity fill). */
  personalisedShare: number;
  encoder: string;
  encoderKind: string;
  trainingInteractions: number;
  seconds: { split: number; build: number; score: number };
}

/**
 * Leave-last-out evaluation (see leave-last-out.ts): the model is built on everybody's interactions minus each
 * case shopper's from their cutoff on; each shopper's seeds come from their own history before the cutoff;
 * a hit is the held-out product among the top k. Baseline: the k most bought products the shopper has not
 * bought yet.
 */
export async function evaluateRecommendationRanking(warehouse: Warehouse, options: RecommendationEvaluationOptions = {}): Promise<RecommendationEvaluation> {
  const splitStarted = performance.now();
  const split = await leaveLastOutSplit(warehouse);
  const splitSeconds = (performance.now() - splitStarted) / 1000;
  if (split.cases.length === 0) {
    throw new RecommendationError(
      `No shopper has two or more paid orders with a new product in the last one (${split.eligibleShoppers} with ≥ 2 orders), so nothing can be held out. Import or seed more orders.`,
      { kind: 'no_data' },
    );
  }
  const buildStarted = performance.now();
  const selection = await (options.selectEncoder ?? defaultEncoderSelection)();
  const catalog = await loadCatalog(warehouse);
  const vectors = await titleVectors(warehouse, selection.encoder, catalog);
  const model = buildRecommender(catalog, split.training, vectors, selection.encoder.id);
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const scoreStarted = performance.now();
  const byOwner = new Map<string, Interaction[]>();
  for (const interaction of [...split.training, ...split.viewsBeforeCutoff]) {
    const list = byOwner.get(interaction.owner);
    if (list) list.push(interaction);
    else byOwner.set(interaction.owner, [interaction]);
  }
  const weights = options.contentWeights ?? [DEFAULT_CONTENT_WEIGHT, 0, 1];
  const tallies = new Map(weights.map((weight) => [weight, new RankingTally(EVALUATION_K)]));
  const popularity = new RankingTally(EVALUATION_K);
  const unseen = { blend: new RankingTally(EVALUATION_K), coOccurrence: new RankingTally(EVALUATION_K), popularity: new RankingTally(EVALUATION_K) };
  let personalised = 0;
  for (const testCase of split.cases) {
    const { seeds, purchased } = shopperSeeds(byOwner.get(ownerOfUser(testCase.userId)) ?? []);
    for (const [weight, tally] of tallies) {
      const ranked = recommendFromSeeds(model, seeds, { topK: EVALUATION_K, exclude: purchased, contentWeight: weight, explain: false });
      tally.add(ranked.map((entry) => entry.productId), testCase.heldOutProduct);
      if (weight === weights[0] && ranked.some((entry) => entry.reason !== 'popular')) personalised += 1;
    }
    const seen = new Set([...purchased, ...seeds.map((seed) => seed.productId)]);
    for (const [tally, weight] of [[unseen.blend, weights[0] as number], [unseen.coOccurrence, 0]] as const) {
      const ranked = recommendFromSeeds(model, seeds, { topK: EVALUATION_K, exclude: seen, contentWeight: weight, explain: false });
      tally.add(ranked.map((entry) => entry.productId), testCase.heldOutProduct);
    }
    popularity.add(mostPopular(model.popularity, purchased), testCase.heldOutProduct);
    unseen.popularity.add(mostPopular(model.popularity, seen), testCase.heldOutProduct);
  }
  return {
    k: EVALUATION_K,
    eligibleShoppers: split.eligibleShoppers,
    rebuyOnlyShoppers: split.rebuyOnlyShoppers,
    byContentWeight: new Map([...tallies].map(([weight, tally]) => [weight, tally.scores()])),
    popularity: popularity.scores(),
    unseenOnly: { blend: unseen.blend.scores(), coOccurrence: unseen.coOccurrence.scores(), popularity: unseen.popularity.scores() },
    personalisedShare: personalised / split.cases.length,
    encoder: selection.encoder.id,
    encoderKind: selection.kind,
    trainingInteractions: split.training.length,
    seconds: { split: splitSeconds, build: buildSeconds, score: (performance.now() - scoreStarted) / 1000 },
  };
}

function mostPopular(popularity: readonly number[], exclude: ReadonlySet<number>): number[] {
  const chosen: number[] = [];
  for (const productId of popularity) {
    if (chosen.length >= EVALUATION_K) break;
    if (!exclude.has(productId)) chosen.push(productId);
  }
  return chosen;
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

/** The leave-last-out evaluation as a ModelReport (hit rate, MRR and NDCG at 10 against popularity). */
export async function evaluateRecommendations(warehouse: Warehouse, options: RecommendationEvaluationOptions = {}): Promise<ModelReport> {
  const evaluation = await evaluateRecommendationRanking(warehouse, options);
  const blend = evaluation.byContentWeight.get(options.contentWeights?.[0] ?? DEFAULT_CONTENT_WEIGHT) as RankingScores;
  const metrics: Record<string, number> = {
    cases: blend.cases,
    eligible_shoppers: evaluation.eligibleShoppers,
    rebuy_only_shoppers: evaluation.rebuyOnlyShoppers,
    hit_rate_at_10: round(blend.hitRate),
    mrr_at_10: round(blend.mrr),
    ndcg_at_10: round(blend.ndcg),
    popularity_hit_rate_at_10: round(evaluation.popularity.hitRate),
    popularity_mrr_at_10: round(evaluation.popularity.mrr),
    popularity_ndcg_at_10: round(evaluation.popularity.ndcg),
    unseen_only_hit_rate_at_10: round(evaluation.unseenOnly.blend.hitRate),
    unseen_only_co_occurrence_hit_rate_at_10: round(evaluation.unseenOnly.coOccurrence.hitRate),
    unseen_only_popularity_hit_rate_at_10: round(evaluation.unseenOnly.popularity.hitRate),
    personalised_share: round(evaluation.personalisedShare),
    training_interactions: evaluation.trainingInteractions,
    split_seconds: round(evaluation.seconds.split, 3),
    build_seconds: round(evaluation.seconds.build, 3),
    score_seconds: round(evaluation.seconds.score, 3),
  };
  for (const [weight, scores] of evaluation.byContentWeight) {
    metrics[`hit_rate_at_10_content_weight_${weight}`] = round(scores.hitRate);
  }
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  return {
    model: `item co-occurrence (shrunk cosine over purchases, carts, favourites) blended with title similarity (${evaluation.encoder}), content weight ${options.contentWeights?.[0] ?? DEFAULT_CONTENT_WEIGHT}`,
    trainedOn: `${evaluation.trainingInteractions} (owner, product, kind) interactions in ${warehouse.path}, each test shopper's history cut at the session of their last new purchase; ` +
      `${blend.cases} shoppers scored (${evaluation.eligibleShoppers} with ≥ 2 paid orders, ${evaluation.rebuyOnlyShoppers} whose last order only re-bought)`,
    metrics,
    details: [
      `Hit rate@10 ${percent(blend.hitRate)} (MRR ${blend.mrr.toFixed(3)}, NDCG ${blend.ndcg.toFixed(3)}) against the popularity baseline ${percent(evaluation.popularity.hitRate)} (MRR ${evaluation.popularity.mrr.toFixed(3)}).`,
      ...[...evaluation.byContentWeight].map(([weight, scores]) => `Content weight ${weight}: hit rate@10 ${percent(scores.hitRate)}, MRR ${scores.mrr.toFixed(3)}.`),
      `Without products the shopper had already viewed, carted or favourited: blend ${percent(evaluation.unseenOnly.blend.hitRate)}, co-occurrence only ${percent(evaluation.unseenOnly.coOccurrence.hitRate)}, popularity ${percent(evaluation.unseenOnly.popularity.hitRate)}.`,
      `Encoder ${evaluation.encoder} (${evaluation.encoderKind}); with the fallback encoder title similarity is shared wording, not meaning.`,
      `${percent(evaluation.personalisedShare)} of shoppers got at least one co-occurrence or similarity recommendation; the rest are popularity fill.`,
      'Products the shopper already bought are never recommended, so re-buys (common for consumables) are outside what this measures.',
    ],
  };
}
