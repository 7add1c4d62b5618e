import type { Warehouse } from '../../sql/warehouse.ts';
import { defaultEncoderSelection } from '../embeddings/default-encoder.ts';
import type { EncoderSelection } from '../embeddings/text-encoder.ts';
import { interactionsFingerprint, loadAllInteractions } from './load-interactions.ts';
import { loadCatalog } from './product-catalog.ts';
import { RecommendationError } from './recommendation-error.ts';
import { buildRecommender, type RecommenderModel } from './recommender.ts';
import { titleVectors } from './title-vectors.ts';

export interface ServedRecommender {
  model: RecommenderModel;
  encoder: EncoderSelection;
  fingerprint: string;
  buildSeconds: number;
  interactions: number;
}

export type SelectEncoder = () => Promise<EncoderSelection>;

const served = new WeakMap<Warehouse, Promise<ServedRecommender>>();

async function build(warehouse: Warehouse, selectEncoder: SelectEncoder, fingerprint: string): Promise<ServedRecommender> {
  const started = performance.now();
  const catalog = await loadCatalog(warehouse);
  const interactions = await loadAllInteractions(warehouse);
  if (interactions.length === 0) {
    throw new RecommendationError('There are no paid orders, carts or favourites to learn from. Seed or import data first ("shoplens seed" or "shoplens import").', { kind: 'no_data' });
  }
  const encoder = await selectEncoder();
  const vectors = await titleVectors(warehouse, encoder.encoder, catalog);
  const model = buildRecommender(catalog, interactions, vectors, encoder.encoder.id);
  return { model, encoder, fingerprint, buildSeconds: (performance.now() - started) / 1000, interactions: interactions.length };
}

/**
 * The recommender served for a warehouse: built on first use from all orders, carts and favourites plus the
 * title embeddings, and rebuilt when the data (or the encoder) changes.
 */
export async function recommenderFor(warehouse: Warehouse, selectEncoder: SelectEncoder = defaultEncoderSelection): Promise<ServedRecommender> {
  const encoderId = (await selectEncoder()).encoder.id;
  const fingerprint = `${await interactionsFingerprint(warehouse)}|${encoderId}`;
  const existing = served.get(warehouse);
  if (existing) {
    const state = await existing.catch(() => undefined);
    if (state?.fingerprint === fingerprint) return state;
  }
  const pending = build(warehouse, selectEncoder, fingerprint);
  served.set(warehouse, pending);
  // A failed build must not stay cached: the next call should try again and report the real error.
  pending.catch(() => served.delete(warehouse));
  return pending;
}
