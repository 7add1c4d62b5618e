import { CONCEPT_SLOTS } from './concept-lexicon.ts';
import { featureHash } from './feature-hash.ts';
import { DEFAULT_FEATURE_WEIGHTS, extractFeatures, type FeatureWeights } from './hashing-features.ts';
import { normalizeInPlace, type TextEncoder } from './text-encoder.ts';

export const HASHING_ENCODER_ID = 'hashing-ngram-v1';
export const DEFAULT_HASHING_DIMENSION = 512;

export interface HashingEncoderOptions {
  dimension?: number;
  weights?: Readonly<FeatureWeights>;
}

/**
 * The fallback encoder: needs no model weights and no network. Hashed character n-grams (Chinese) and word
 * plus subword n-grams (English), sublinear term frequency (1 + ln tf), signed feature hashing (collisions
 * cancel out on average instead of piling up), one reserved slot per thesaurus concept, L2 normalisation.
 * It matches shared wording and the small thesaurus's concepts, not meaning: anything outside the thesaurus
 * only meets texts that share characters or words with it.
 */
export class HashingEncoder implements TextEncoder {
  readonly id: string;
  readonly dimension: number;
  private readonly weights: Readonly<FeatureWeights>;

  constructor(options: HashingEncoderOptions = {}) {
    this.dimension = options.dimension ?? DEFAULT_HASHING_DIMENSION;
    if (!Number.isInteger(this.dimension) || this.dimension < CONCEPT_SLOTS.size + 64) {
      throw new RangeError(`HashingEncoder dimension must be a whole number ≥ ${CONCEPT_SLOTS.size + 64}, e.g. 512 (got ${this.dimension}).`);
    }
    this.weights = options.weights ?? DEFAULT_FEATURE_WEIGHTS;
    // The id must change whenever the vectors would: cached embeddings are keyed by it.
    const customWeights = options.weights !== undefined && options.weights !== DEFAULT_FEATURE_WEIGHTS;
    this.id = [HASHING_ENCODER_ID, this.dimension === DEFAULT_HASHING_DIMENSION ? '' : `-d${this.dimension}`,
      customWeights ? `-w${featureHash(JSON.stringify(this.weights)).toString(16)}` : ''].join('');
  }

  encodeOne(text: string): Float32Array {
    const features = extractFeatures(text, this.weights);
    const vector = this.accumulate(features, true);
    // Two features hashed to one slot with opposite signs cancel exactly; when that empties the whole vector
    // (a short text, e.g. "P!TAj"), the unsigned sum keeps the text comparable instead of matching nothing.
    if (features.size > 0 && vector.every((value) => value === 0)) return normalizeInPlace(this.accumulate(features, false));
    return normalizeInPlace(vector);
  }

  private accumulate(features: ReturnType<typeof extractFeatures>, signed: boolean): Float32Array {
    const vector = new Float32Array(this.dimension);
    const hashedSlots = this.dimension - CONCEPT_SLOTS.size;
    for (const [key, { count, weight }] of features) {
      const value = weight * (1 + Math.log(count));
      const conceptSlot = key.startsWith('c:') ? CONCEPT_SLOTS.get(key.slice(2)) : undefined;
      if (conceptSlot !== undefined) {
        vector[conceptSlot] = (vector[conceptSlot] ?? 0) + value;
        continue;
      }
      const hash = featureHash(key);
      const index = CONCEPT_SLOTS.size + ((hash >>> 1) % hashedSlots);
      vector[index] = (vector[index] ?? 0) + (signed && hash & 1 ? -value : value);
    }
    return vector;
  }

  async encode(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.encodeOne(text));
  }
}
