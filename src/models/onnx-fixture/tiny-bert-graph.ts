import { SeededRandom } from '../../random/seeded-random.ts';
import type { OnnxGraph, OnnxNode, OnnxTensor } from './onnx-model-writer.ts';

/** Random weights of the tiny BERT-shaped encoder; kept so tests can recompute its output in plain JS. */
export interface TinyBertWeights {
  vocabularySize: number;
  hiddenSize: number;
  maxPositions: number;
  typeVocabularySize: number;
  wordEmbeddings: Float32Array; // [vocabularySize, hiddenSize]
  positionEmbeddings: Float32Array; // [maxPositions, hiddenSize]
  tokenTypeEmbeddings: Float32Array; // [typeVocabularySize, hiddenSize]
  denseWeight: Float32Array; // [hiddenSize, hiddenSize]
  denseBias: Float32Array; // [hiddenSize]
  mixWeight: Float32Array; // [hiddenSize, hiddenSize]
  mixBias: Float32Array; // [hiddenSize]
}

export interface TinyBertShape {
  vocabularySize: number;
  hiddenSize?: number;
  maxPositions?: number;
  typeVocabularySize?: number;
  seed?: number;
}

/** ONNX opset the graph is written for (Gather-13, Range-11, Shape-15, ReduceSum-13 and Unsqueeze-13 semantics). */
export const TINY_BERT_OPSET = 17;

function gaussianArray(random: SeededRandom, length: number, standardDeviation: number): Float32Array {
  const values = new Float32Array(length);
  for (let index = 0; index < length; index += 2) {
    // Box–Muller: two independent normals per pair of uniforms.
    const radius = Math.sqrt(-2 * Math.log(1 - random.next()));
    const angle = 2 * Math.PI * random.next();
    values[index] = radius * Math.cos(angle) * standardDeviation;
    if (index + 1 < length) values[index + 1] = radius * Math.sin(angle) * standardDeviation;
  }
  return values;
}

export function randomTinyBertWeights(shape: TinyBertShape): TinyBertWeights {
  const hiddenSize = shape.hiddenSize ?? 32;
  const maxPositions = shape.maxPositions ?? 512;
  const typeVocabularySize = shape.typeVocabularySize ?? 2;
  const random = new SeededRandom(shape.seed ?? 7, 'tiny-bert-fixture');
  const layerScale = 1 / Math.sqrt(hiddenSize);
  return {
    vocabularySize: shape.vocabularySize,
    hiddenSize,
    maxPositions,
    typeVocabularySize,
    wordEmbeddings: gaussianArray(random, shape.vocabularySize * hiddenSize, 1),
    positionEmbeddings: gaussianArray(random, maxPositions * hiddenSize, 0.3),
    tokenTypeEmbeddings: gaussianArray(random, typeVocabularySize * hiddenSize, 0.3),
    denseWeight: gaussianArray(random, hiddenSize * hiddenSize, layerScale),
    denseBias: gaussianArray(random, hiddenSize, 0.1),
    mixWeight: gaussianArray(random, hiddenSize * hiddenSize, layerScale),
    mixBias: gaussianArray(random, hiddenSize, 0.1),
  };
}

const floatTensor = (name: string, dims: number[], values: Float32Array): OnnxTensor => ({ name, elementType: 'float', dims, values });
const int64Tensor = (name: string, dims: number[], values: number[]): OnnxTensor =>
  ({ name, elementType: 'int64', dims, values: BigInt64Array.from(values.map(BigInt)) });
const node = (opType: string, inputs: string[], outputs: string[], attributes: OnnxNode['attributes'] = []): OnnxNode =>
  ({ opType, inputs, outputs, attributes });

/**
 * A BERT-shaped encoder small enough to generate in a test: word + position + token-type embeddings, one
 * dense tanh layer, then one masked-mean "mixing" step standing in for attention (every token sees the
 * average of the unmasked tokens, so padding handled wrongly would change the output), then a second dense
 * tanh layer. Inputs input_ids / attention_mask / token_type_ids are int64 [batch, sequence]; the output
 * last_hidden_state is float [batch, sequence, hidden], as transformers.js expects from a BERT export.
 */
export function tinyBertGraph(weights: TinyBertWeights): OnnxGraph {
  const hidden = weights.hiddenSize;
  return {
    name: 'tiny_random_bert',
    initializers: [
      floatTensor('word_embeddings', [weights.vocabularySize, hidden], weights.wordEmbeddings),
      floatTensor('position_embeddings', [weights.maxPositions, hidden], weights.positionEmbeddings),
      floatTensor('token_type_embeddings', [weights.typeVocabularySize, hidden], weights.tokenTypeEmbeddings),
      floatTensor('dense_weight', [hidden, hidden], weights.denseWeight),
      floatTensor('dense_bias', [hidden], weights.denseBias),
      floatTensor('mix_weight', [hidden, hidden], weights.mixWeight),
      floatTensor('mix_bias', [hidden], weights.mixBias),
      int64Tensor('zero', [], [0]),
      int64Tensor('one', [], [1]),
      int64Tensor('axes_sequence', [1], [1]),
      int64Tensor('axes_feature', [1], [2]),
      floatTensor('smallest_count', [], Float32Array.of(1e-6)),
    ],
    nodes: [
      node('Gather', ['word_embeddings', 'input_ids'], ['word_vectors']),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['type_vectors']),
      node('Shape', ['input_ids'], ['input_shape']),
      node('Gather', ['input_shape', 'one'], ['sequence_length'], [{ name: 'axis', kind: 'int', value: 0 }]),
      node('Range', ['zero', 'sequence_length', 'one'], ['positions']),
      node('Gather', ['position_embeddings', 'positions'], ['position_vectors']),
      node('Add', ['word_vectors', 'position_vectors'], ['embedded_partial']),
      node('Add', ['embedded_partial', 'type_vectors'], ['embedded']),
      node('MatMul', ['embedded', 'dense_weight'], ['dense_product']),
      node('Add', ['dense_product', 'dense_bias'], ['dense_sum']),
      node('Tanh', ['dense_sum'], ['token_states']),
      node('Cast', ['attention_mask'], ['mask_float'], [{ name: 'to', kind: 'int', value: 1 }]),
      node('Unsqueeze', ['mask_float', 'axes_feature'], ['mask_column']),
      node('Mul', ['token_states', 'mask_column'], ['masked_states']),
      node('ReduceSum', ['masked_states', 'axes_sequence'], ['state_sum'], [{ name: 'keepdims', kind: 'int', value: 1 }]),
      node('ReduceSum', ['mask_column', 'axes_sequence'], ['mask_count'], [{ name: 'keepdims', kind: 'int', value: 1 }]),
      node('Max', ['mask_count', 'smallest_count'], ['safe_count']),
      node('Div', ['state_sum', 'safe_count'], ['context']),
      node('Add', ['token_states', 'context'], ['mixed']),
      node('MatMul', ['mixed', 'mix_weight'], ['mix_product']),
      node('Add', ['mix_product', 'mix_bias'], ['mix_sum']),
      node('Tanh', ['mix_sum'], ['last_hidden_state']),
    ],
    inputs: [
      { name: 'input_ids', elementType: 'int64', shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', elementType: 'int64', shape: ['batch_size', 'sequence_length'] },
      { name: 'token_type_ids', elementType: 'int64', shape: ['batch_size', 'sequence_length'] },
    ],
    outputs: [{ name: 'last_hidden_state', elementType: 'float', shape: ['batch_size', 'sequence_length', hidden] }],
  };
}
