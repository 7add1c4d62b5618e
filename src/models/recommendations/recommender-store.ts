import type { Warehouse } from '../../sql/warehouse.ts';
import { defaultEncoderSelection } from '../embeddings/default-encoder.ts';
import type { EncoderSelection } from '../embeddings/text-encoder.ts';
import { ensureTrained } from '../model-store/ensure-trained.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';
import type { ItemCoOccurrence } from './item-cooccurrence.ts';
import { itemCoOccurrence } from './item-cooccurrence.ts';
import { interactionsFingerprint, loadAllInteractions } from './load-interactions.ts';
import { packCoOccurrence, unpackCoOccurrence } from './packed-co-occurrence.ts';
import { loadCatalog } from './product-catalog.ts';
import { RecommendationError } from './recommendation-error.ts';
import { assembleRecommender, type RecommenderModel } from './recommender.ts';
import { titleVectors } from './title-vectors.ts';

export interface ServedRecommender {
  model: RecommenderModel;
  encoder: EncoderSelection;
  fingerprint: string;
  buildSeconds: number;
  interactions: number;
}

export type SelectEncoder = () => Promise<EncoderSelection>;

export interface RecommenderRunOptions {
  onProgress?: TrainingProgressListener;
  signal?: AbortSignal;
}

/** The learnt part, stored in shoplens_cache: co-occurrence from every order, cart and favourite (seconds to build). */
interface LearntRecommender {
  coOccurrence: ItemCoOccurrence;
  interactions: number;
}

const served = new WeakMap<Warehouse, Promise<ServedRecommender>>();

/**
 * The recommender served for a warehouse: its co-occurrence is learnt once per data fingerprint from all orders,
 * carts and favourites and kept in shoplens_cache (so restarts reuse it); the catalogue and title embeddings (through
 * the embedding cache) are joined to it on load. Rebuilt when the data or the encoder changes.
 */
export async function recommenderFor(warehouse: Warehouse, selectEncoder: SelectEncoder = defaultEncoderSelection, options: RecommenderRunOptions = {}): Promise<ServedRecommender> {
  const encoder = await selectEncoder();
  const fingerprint = `${await interactionsFingerprint(warehouse)}|${encoder.encoder.id}`;
  const existing = served.get(warehouse);
  if (existing) {
    const state = await existing.catch(() => undefined);
    if (state?.fingerprint === fingerprint) return state;
  }
  const pending = (async (): Promise<ServedRecommender> => {
    const started = performance.now();
    const learnt = await ensureTrained<LearntRecommender>({
      warehouse,
      model: 'recommender_co_occurrence',
      parameters: {},
      fingerprint: await interactionsFingerprint(warehouse),
      async train(control) {
        control.report('loading orders, carts and favourites', 10);
        const interactions = await loadAllInteractions(warehouse);
        if (interactions.length === 0) {
          throw new RecommendationError('There are no paid orders, carts or favourites to learn from. Seed or import data first ("shoplens seed" or "shoplens import").', { kind: 'no_data' });
        }
        control.throwIfCancelled();
        control.report('counting co-occurrences', 50);
        await new Promise((resolve) => setImmediate(resolve));
        const coOccurrence = itemCoOccurrence(interactions);
        return { payload: { coOccurrence, interactions: interactions.length }, dataWindow: { start: null, end: null }, metrics: { interactions: interactions.length, products: coOccurrence.owners.size } };
      },
      serializePayload: (learnt) => packCoOccurrence(learnt.coOccurrence, learnt.interactions),
      parsePayload: unpackCoOccurrence,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    const catalog = await loadCatalog(warehouse);
    const vectors = await titleVectors(warehouse, encoder.encoder, catalog);
    const model = assembleRecommender(catalog, learnt.payload.coOccurrence, vectors, encoder.encoder.id);
    return { model, encoder, fingerprint, buildSeconds: (performance.now() - started) / 1000, interactions: learnt.payload.interactions };
  })();
  served.set(warehouse, pending);
  // A failed build must not stay cached: the next call should try again and report the real error.
  pending.catch(() => served.delete(warehouse));
  return pending;
}
