import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeOnnxModel, encodeOnnxModel } from './onnx-model-writer.ts';
import { randomTinyBertWeights, tinyBertGraph, TINY_BERT_OPSET } from './tiny-bert-graph.ts';
import { tinyBertHiddenStates, type TokenizedSequence } from './tiny-bert-reference.ts';

const weights = randomTinyBertWeights({ vocabularySize: 120, hiddenSize: 16, maxPositions: 32, seed: 11 });
const bytes = encodeOnnxModel(tinyBertGraph(weights), { opsetVersion: TINY_BERT_OPSET });

const int64Tensor = (rows: number[][]): ort.Tensor =>
  new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0]?.length ?? 0]);

describe('encodeOnnxModel', () => {
  it('writes a ModelProto with the ONNX field layout (checked by decoding it again)', () => {
    const model = decodeOnnxModel(bytes) as {
      ir_version: number;
      opset_import: { version: number }[];
      graph: {
        input: { name: string; type: { tensor_type: { elem_type: number; shape: { dim: { dim_param?: string }[] } } } }[];
        output: { name: string; type: { tensor_type: { shape: { dim: { dim_value?: number; dim_param?: string }[] } } } }[];
        initializer: { name: string; dims: number[]; data_type: number; raw_data: number[] }[];
      };
    };
    expect(model.ir_version).toBe(8);
    expect(model.opset_import).toEqual([{ version: TINY_BERT_OPSET }]);
    expect(model.graph.input.map((input) => input.name)).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(model.graph.input[0]?.type.tensor_type.elem_type).toBe(7);
    expect(model.graph.input[0]?.type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch_size' }, { dim_param: 'sequence_length' }]);
    expect(model.graph.output[0]?.type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch_size' }, { dim_param: 'sequence_length' }, { dim_value: 16 }]);
    const words = model.graph.initializer.find((tensor) => tensor.name === 'word_embeddings');
    expect(words?.dims).toEqual([120, 16]);
    expect(words?.raw_data).toHaveLength(120 * 16 * 4);
  });

  it('runs in onnxruntime and matches the plain-JS computation, padding included', async () => {
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(session.outputNames).toEqual(['last_hidden_state']);
    const sequences: TokenizedSequence[] = [
      { inputIds: [1, 17, 42, 99, 2], attentionMask: [1, 1, 1, 1, 1], tokenTypeIds: [0, 0, 0, 0, 0] },
      { inputIds: [1, 5, 2, 0, 0], attentionMask: [1, 1, 1, 0, 0], tokenTypeIds: [0, 0, 1, 0, 0] },
    ];
    const output = await session.run({
      input_ids: int64Tensor(sequences.map((sequence) => sequence.inputIds)),
      attention_mask: int64Tensor(sequences.map((sequence) => sequence.attentionMask)),
      token_type_ids: int64Tensor(sequences.map((sequence) => sequence.tokenTypeIds)),
    });
    const hidden = output.last_hidden_state;
    expect(hidden?.dims).toEqual([2, 5, 16]);
    const data = hidden?.data as Float32Array;
    let largestDifference = 0;
    sequences.forEach((sequence, row) => {
      tinyBertHiddenStates(weights, sequence).forEach((state, position) => {
        state.forEach((value, feature) => {
          largestDifference = Math.max(largestDifference, Math.abs(value - (data[(row * 5 + position) * 16 + feature] ?? NaN)));
        });
      });
    });
    expect(largestDifference).toBeLessThan(1e-5);
    await session.release();
  });
});
