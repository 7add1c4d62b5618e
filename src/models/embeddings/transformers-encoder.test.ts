import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { createSearchReviewsTool } from '../../analytics/tools/search-reviews.ts';
import { writeTinyBertFixture, type TinyBertFixture } from '../onnx-fixture/tiny-bert-fixture.ts';
import { tinyBertSentenceEmbedding } from '../onnx-fixture/tiny-bert-reference.ts';
import { selectEncoder } from './select-encoder.ts';
import { dotProduct } from './text-encoder.ts';
import { TransformersEncoder } from './transformers-encoder.ts';

// The model here has RANDOM weights: these tests check loading, tokenisation, batching, pooling and
// normalisation through the real transformers.js pipeline, never the meaning of the vectors.

const TEXTS = ['物流太慢', 'The delivery was slow', '左耳经常断连，差评', 'battery drains fast', '包装很严实，好评！'];

let directory: string;
let fixture: TinyBertFixture;
let encoder: TransformersEncoder;

function largestDifference(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let largest = 0;
  for (let index = 0; index < left.length; index++) largest = Math.max(largest, Math.abs((left[index] ?? 0) - (right[index] ?? NaN)));
  return largest;
}

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'shoplens-tiny-bert-'));
  fixture = writeTinyBertFixture({ directory: path.join(directory, 'tiny-random-bert') });
  encoder = await TransformersEncoder.load({ model: fixture.directory, kind: 'folder', allowRemote: false, batchSize: 2 });
});

afterAll(async () => {
  await encoder?.dispose();
  rmSync(directory, { recursive: true, force: true });
});

describe('TransformersEncoder on a generated tiny BERT with the real bge-small-zh tokenizer', () => {
  it('loads offline and names the model it loaded', () => {
    expect(env.allowRemoteModels).toBe(false);
    expect(encoder.id).toBe('transformers:shoplens/tiny-random-bert-h32-seed7');
    expect(encoder.dimension).toBe(32);
  });

  it('tokenises Chinese with the real vocabulary: the pipeline equals mean pooling over the vocab.txt ids', async () => {
    const vocabulary = readFileSync(path.join(fixture.directory, 'vocab.txt'), 'utf8').split('\n');
    const ids = ['[CLS]', '物', '流', '太', '慢', '[SEP]'].map((token) => vocabulary.indexOf(token));
    expect(ids.every((id) => id > 0)).toBe(true);
    const expected = tinyBertSentenceEmbedding(fixture.weights, { inputIds: ids, attentionMask: ids.map(() => 1), tokenTypeIds: ids.map(() => 0) });
    const [actual] = await encoder.encode(['物流太慢']);
    expect(largestDifference(actual ?? [], expected)).toBeLessThan(1e-5);
  });

  it('splits English into WordPiece sub-tokens and pools exactly those', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(fixture.directory);
    expect(tokenizer.tokenize('delivery')).toEqual(['del', '##ive', '##ry']);
    const encoded = tokenizer('delivery was slow');
    const ids = Array.from(encoded.input_ids.data as BigInt64Array, Number);
    const expected = tinyBertSentenceEmbedding(fixture.weights, { inputIds: ids, attentionMask: ids.map(() => 1), tokenTypeIds: ids.map(() => 0) });
    const [actual] = await encoder.encode(['delivery was slow']);
    expect(largestDifference(actual ?? [], expected)).toBeLessThan(1e-5);
  });

  it('returns one unit vector per text, the same batched (with padding) as one at a time, and deterministically', async () => {
    const batched = await encoder.encode(TEXTS);
    expect(batched).toHaveLength(TEXTS.length);
    for (const vector of batched) {
      expect(vector).toHaveLength(32);
      expect(Math.sqrt(dotProduct(vector, vector))).toBeCloseTo(1, 5);
    }
    for (const [index, text] of TEXTS.entries()) {
      const [single] = await encoder.encode([text]);
      expect(largestDifference(single ?? [], batched[index] ?? [])).toBeLessThan(1e-5);
    }
    expect(await encoder.encode(TEXTS)).toEqual(batched);
  });

  it('gives different texts different vectors', async () => {
    const vectors = await encoder.encode(TEXTS);
    for (let left = 0; left < vectors.length; left++) {
      for (let right = left + 1; right < vectors.length; right++) {
        expect(dotProduct(vectors[left] ?? [], vectors[right] ?? [])).toBeLessThan(0.999);
      }
    }
  });

  it('resolves a hub id offline from SHOPLENS_EMBED_MODEL_DIR (transformers.js env.localModelPath)', async () => {
    const modelDirectory = path.join(directory, 'models');
    writeTinyBertFixture({ directory: path.join(modelDirectory, 'shoplens', 'tiny-random-bert-h32-seed7') });
    const selection = await selectEncoder({
      environment: { SHOPLENS_EMBED_MODEL: 'shoplens/tiny-random-bert-h32-seed7', SHOPLENS_EMBED_MODEL_DIR: modelDirectory, SHOPLENS_EMBED_OFFLINE: '1' },
    });
    try {
      expect(selection.kind).toBe('transformers');
      expect(selection.reason).toContain('(offline copy)');
      expect(env.allowRemoteModels).toBe(false);
      expect(env.localModelPath).toBe(modelDirectory);
      const [fromHubId] = await selection.encoder.encode(['物流太慢']);
      const [fromFolder] = await encoder.encode(['物流太慢']);
      expect(largestDifference(fromHubId ?? [], fromFolder ?? [])).toBeLessThan(1e-6);
    } finally {
      await (selection.encoder as TransformersEncoder).dispose();
    }
  });

  it('is chosen by selectEncoder for SHOPLENS_EMBED_MODEL=<folder> and runs search_reviews end to end', async () => {
    const selection = await selectEncoder({ environment: { SHOPLENS_EMBED_MODEL: fixture.directory } });
    expect(selection.kind).toBe('transformers');
    expect(selection.encoder.id).toBe('transformers:shoplens/tiny-random-bert-h32-seed7');
    expect(selection.reason).toContain(`Using the model folder ${fixture.directory} (offline)`);

    const warehouse = await Warehouse.open({ path: ':memory:' });
    try {
      await seedDemo(warehouse, { users: 150, days: 20 });
      const tool = createSearchReviewsTool({ selectEncoder: async () => selection });
      const result = await tool.execute({ query: '物流太慢', limit: 5 }, { warehouse, language: 'zh', asOf: '2025-11-30' });
      expect(result.encoder).toBe('transformers:shoplens/tiny-random-bert-h32-seed7');
      expect(result.encoder_kind).toBe('transformers');
      expect(result.rows).toHaveLength(5);
      const similarities = result.rows.map((row) => row.similarity);
      expect([...similarities].sort((left, right) => right - left)).toEqual(similarities);
      expect(similarities.every((value) => value >= -1 && value <= 1)).toBe(true);
    } finally {
      warehouse.close();
      await (selection.encoder as TransformersEncoder).dispose();
    }
  });
});
