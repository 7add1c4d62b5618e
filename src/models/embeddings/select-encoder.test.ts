import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingConfigurationError } from './embedding-error.ts';
import { HashingEncoder } from './hashing-encoder.ts';
import { selectEncoder } from './select-encoder.ts';
import type { TextEncoder } from './text-encoder.ts';
import type { TransformersEncoderOptions } from './transformers-encoder.ts';

/** A loader that records what it was asked to load instead of running transformers.js. */
function recordingLoader(): { calls: TransformersEncoderOptions[]; load: (options: TransformersEncoderOptions) => Promise<TextEncoder> } {
  const calls: TransformersEncoderOptions[] = [];
  return {
    calls,
    load: async (options) => {
      calls.push(options);
      return { id: `transformers:${options.model}`, dimension: 8, encode: async (texts) => texts.map(() => new Float32Array(8)) };
    },
  };
}

function writeModelFolder(folder: string): void {
  mkdirSync(path.join(folder, 'onnx'), { recursive: true });
  for (const file of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) writeFileSync(path.join(folder, file), '{}');
}

describe('selectEncoder', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'shoplens-select-encoder-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('falls back, and says so, when no model is configured', async () => {
    const selection = await selectEncoder({ environment: {} });
    expect(selection.kind).toBe('fallback');
    expect(selection.encoder).toBeInstanceOf(HashingEncoder);
    expect(selection.reason).toMatch(/^SHOPLENS_EMBED_MODEL is not set\. Using the fallback encoder hashing-ngram-v1/);
  });

  it('names what is missing from a model folder', async () => {
    const missing = path.join(directory, 'nowhere');
    expect((await selectEncoder({ environment: { SHOPLENS_EMBED_MODEL: missing } })).reason).toContain(`model folder ${missing} does not exist`);
    const incomplete = path.join(directory, 'incomplete');
    mkdirSync(incomplete);
    writeFileSync(path.join(incomplete, 'config.json'), '{}');
    writeFileSync(path.join(incomplete, 'tokenizer.json'), '{}');
    const selection = await selectEncoder({ environment: { SHOPLENS_EMBED_MODEL: incomplete } });
    expect(selection.kind).toBe('fallback');
    expect(selection.reason).toContain(`model folder ${incomplete} has no onnx/model.onnx`);
    const quantized = await selectEncoder({ environment: { SHOPLENS_EMBED_MODEL: incomplete, SHOPLENS_EMBED_DTYPE: 'q8' } });
    expect(quantized.reason).toContain('has no onnx/model_quantized.onnx');
  });

  it('loads a complete folder offline', async () => {
    const folder = path.join(directory, 'complete');
    writeModelFolder(folder);
    const loader = recordingLoader();
    const selection = await selectEncoder({ environment: { SHOPLENS_EMBED_MODEL: folder, SHOPLENS_EMBED_BATCH_SIZE: '8' }, loadModel: loader.load });
    expect(selection.kind).toBe('transformers');
    expect(selection.reason).toContain(`Using the model folder ${folder} (offline)`);
    expect(loader.calls).toEqual([expect.objectContaining({ model: folder, kind: 'folder', allowRemote: false, batchSize: 8, dtype: 'fp32' })]);
  });

  it('uses a downloaded copy of a hub model without the network', async () => {
    writeModelFolder(path.join(directory, 'models', 'BAAI', 'bge-small-zh-v1.5'));
    const loader = recordingLoader();
    const selection = await selectEncoder({
      environment: { SHOPLENS_EMBED_MODEL: 'BAAI/bge-small-zh-v1.5', SHOPLENS_EMBED_MODEL_DIR: path.join(directory, 'models') },
      loadModel: loader.load,
      probeNetwork: async () => {
        throw new Error('the network must not be probed when a local copy exists');
      },
    });
    expect(selection.kind).toBe('transformers');
    expect(loader.calls[0]).toMatchObject({ model: 'BAAI/bge-small-zh-v1.5', kind: 'hub', allowRemote: false, modelDirectory: path.join(directory, 'models') });
  });

  it('falls back for a hub id that is not downloaded when offline or without network, and downloads when online', async () => {
    const environment = { SHOPLENS_EMBED_MODEL: 'Xenova/multilingual-e5-small', SHOPLENS_EMBED_MODEL_DIR: path.join(directory, 'empty') };
    const loader = recordingLoader();
    const offline = await selectEncoder({ environment: { ...environment, SHOPLENS_EMBED_OFFLINE: '1' }, loadModel: loader.load });
    expect(offline.reason).toContain('SHOPLENS_EMBED_OFFLINE=1 and Xenova/multilingual-e5-small is not downloaded');
    const noNetwork = await selectEncoder({ environment, loadModel: loader.load, probeNetwork: async () => false });
    expect(noNetwork.kind).toBe('fallback');
    expect(noNetwork.reason).toContain('There is no network (huggingface.co does not resolve)');
    expect(loader.calls).toHaveLength(0);
    const online = await selectEncoder({ environment, loadModel: loader.load, probeNetwork: async () => true });
    expect(online.kind).toBe('transformers');
    expect(loader.calls[0]).toMatchObject({ kind: 'hub', allowRemote: true });
  });

  it('falls back with the loader error when loading fails', async () => {
    const folder = path.join(directory, 'broken');
    writeModelFolder(folder);
    const selection = await selectEncoder({
      environment: { SHOPLENS_EMBED_MODEL: folder },
      loadModel: async () => {
        throw new Error('protobuf parsing failed');
      },
    });
    expect(selection.kind).toBe('fallback');
    expect(selection.reason).toContain(`Loading ${folder} failed: protobuf parsing failed`);
  });

  it('rejects settings that cannot work instead of falling back', async () => {
    await expect(selectEncoder({ environment: { SHOPLENS_EMBED_BATCH_SIZE: '0' } })).rejects.toThrow(EmbeddingConfigurationError);
    await expect(selectEncoder({ environment: { SHOPLENS_EMBED_DTYPE: 'fp64' } })).rejects.toThrow(/SHOPLENS_EMBED_DTYPE="fp64" is not valid/);
  });
});
