import type { TinyBertWeights } from './tiny-bert-graph.ts';

export interface TokenizedSequence {
  inputIds: number[];
  attentionMask: number[];
  tokenTypeIds: number[];
}

/** Row-vector × matrix plus bias, then tanh: one dense layer of the tiny encoder. */
function denseTanh(input: Float64Array, weight: Float32Array, bias: Float32Array, size: number): Float64Array {
  const output = new Float64Array(size);
  for (let column = 0; column < size; column++) {
    let sum = bias[column] ?? 0;
    for (let row = 0; row < size; row++) sum += (input[row] ?? 0) * (weight[row * size + column] ?? 0);
    output[column] = Math.tanh(sum);
  }
  return output;
}

/**
 * The tiny encoder's last_hidden_state for one sequence, computed in plain JS (float64) from the same
 * weights, so tests can check the generated ONNX graph and transformers.js's pooling against it.
 */
export function tinyBertHiddenStates(weights: TinyBertWeights, sequence: TokenizedSequence): Float64Array[] {
  const hidden = weights.hiddenSize;
  const tokenStates = sequence.inputIds.map((tokenId, position) => {
    const embedded = new Float64Array(hidden);
    const typeId = sequence.tokenTypeIds[position] ?? 0;
    for (let feature = 0; feature < hidden; feature++) {
      embedded[feature] =
        (weights.wordEmbeddings[tokenId * hidden + feature] ?? 0) +
        (weights.positionEmbeddings[position * hidden + feature] ?? 0) +
        (weights.tokenTypeEmbeddings[typeId * hidden + feature] ?? 0);
    }
    return denseTanh(embedded, weights.denseWeight, weights.denseBias, hidden);
  });
  const context = new Float64Array(hidden);
  let count = 0;
  tokenStates.forEach((state, position) => {
    const mask = sequence.attentionMask[position] ?? 0;
    count += mask;
    for (let feature = 0; feature < hidden; feature++) context[feature] = (context[feature] ?? 0) + (state[feature] ?? 0) * mask;
  });
  const divisor = Math.max(count, 1e-6);
  return tokenStates.map((state) => {
    const mixed = new Float64Array(hidden);
    for (let feature = 0; feature < hidden; feature++) mixed[feature] = (state[feature] ?? 0) + (context[feature] ?? 0) / divisor;
    return denseTanh(mixed, weights.mixWeight, weights.mixBias, hidden);
  });
}

/** Mean over unmasked tokens, then L2 normalisation: what `{ pooling: 'mean', normalize: true }` should give. */
export function tinyBertSentenceEmbedding(weights: TinyBertWeights, sequence: TokenizedSequence): Float64Array {
  const states = tinyBertHiddenStates(weights, sequence);
  const pooled = new Float64Array(weights.hiddenSize);
  let count = 0;
  states.forEach((state, position) => {
    if ((sequence.attentionMask[position] ?? 0) === 0) return;
    count++;
    state.forEach((value, feature) => (pooled[feature] = (pooled[feature] ?? 0) + value));
  });
  const norm = Math.sqrt(pooled.reduce((sum, value) => sum + (value / count) ** 2, 0));
  return pooled.map((value) => value / count / norm);
}
