/**
 * Turns texts into L2-normalised vectors. Every implementation (a transformers.js model, the hashed n-gram
 * fallback) has an `id` that names exactly what produced the vectors: cached embeddings are keyed by it, and
 * every tool result reports it so nobody mistakes fallback vectors for a semantic model's.
 */
export interface TextEncoder {
  /** e.g. 'transformers:BAAI/bge-small-zh-v1.5' or 'hashing-ngram-v1'. */
  readonly id: string;
  readonly dimension: number;
  /** One vector of length `dimension` per text, in input order, each with Euclidean norm 1 (or all zeros for empty text). */
  encode(texts: string[]): Promise<Float32Array[]>;
}

export type EncoderKind = 'transformers' | 'fallback';

/** What selectEncoder() chose, and why, in words a user can act on. */
export interface EncoderSelection {
  encoder: TextEncoder;
  kind: EncoderKind;
  reason: string;
}

/** Scales `vector` in place to unit length; a zero vector stays zero. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] ?? 0) * scale;
  return vector;
}

export function dotProduct(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
