import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { EmbeddingModelError } from './embedding-error.ts';
import { MODEL_FILE_BY_DTYPE, type ModelDtype } from './encoder-configuration.ts';
import type { TextEncoder } from './text-encoder.ts';

export interface TransformersEncoderOptions {
  /** A hub id ('BAAI/bge-small-zh-v1.5') or a model folder (config.json, tokenizer files, onnx/…). */
  model: string;
  /** 'folder' loads `model` from disk only; 'hub' resolves it under modelDirectory, then (if allowed) the hub. */
  kind: 'folder' | 'hub';
  /** false: only local files (a folder, or <modelDirectory>/<hub id>); the network is never touched. */
  allowRemote: boolean;
  /** Where hub models are looked up locally and downloaded to (transformers.js env.localModelPath and env.cacheDir). */
  modelDirectory?: string;
  batchSize?: number;
  dtype?: ModelDtype;
}

const HUB_ID_PATTERN = /^[\w.-]+\/[\w.-]+$/;
const folderConfigSchema = z.looseObject({ _name_or_path: z.string().optional() });

export function isHubId(model: string): boolean {
  return HUB_ID_PATTERN.test(model) && !model.startsWith('.') && !model.includes('..');
}

/** The name a model folder reports: its config's `_name_or_path` when that is a hub id, else the folder name. */
export function modelNameOfFolder(folder: string): string {
  try {
    const parsed = folderConfigSchema.safeParse(JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')));
    const name = parsed.success ? parsed.data._name_or_path : undefined;
    if (name && isHubId(name)) return name;
  } catch {
    // No readable config: the folder name still identifies the model; loading reports the real problem.
  }
  return path.basename(path.resolve(folder));
}

/**
 * E5 models were trained with "query: " / "passage: " prefixes; ShopLens compares texts with texts
 * (symmetric use), for which the E5 authors recommend "query: " on both sides.
 */
export function textPrefixFor(modelName: string): string {
  return /(^|[/_-])(multilingual-)?e5([/_-]|$)/i.test(modelName) ? 'query: ' : '';
}

/** A feature-extraction pipeline of transformers.js with mean pooling and L2 normalisation. */
export class TransformersEncoder implements TextEncoder {
  private constructor(
    readonly id: string,
    readonly dimension: number,
    readonly modelName: string,
    private readonly extractor: FeatureExtractionPipeline,
    private readonly batchSize: number,
    private readonly textPrefix: string,
  ) {}

  static async load(options: TransformersEncoderOptions): Promise<TransformersEncoder> {
    const isFolder = options.kind === 'folder';
    const source = isFolder ? path.resolve(options.model) : options.model;
    const dtype = options.dtype ?? 'fp32';
    const modelName = isFolder ? modelNameOfFolder(source) : options.model;
    // Imported lazily: onnxruntime is heavy and most runs use the fallback.
    const transformers = await import('@huggingface/transformers');
    transformers.env.allowLocalModels = true;
    transformers.env.allowRemoteModels = options.allowRemote && !isFolder;
    if (options.modelDirectory) {
      transformers.env.localModelPath = options.modelDirectory;
      transformers.env.cacheDir = options.modelDirectory;
    }
    let extractor: FeatureExtractionPipeline;
    try {
      extractor = await transformers.pipeline('feature-extraction', source, {
        dtype,
        device: 'cpu',
        local_files_only: !transformers.env.allowRemoteModels,
      });
    } catch (error) {
      throw new EmbeddingModelError(
        `Could not load the embedding model ${source}: ${(error as Error).message}. A model folder needs config.json, ` +
          `tokenizer.json and onnx/${MODEL_FILE_BY_DTYPE[dtype]}; a hub id needs network access or a copy under ` +
          `${options.modelDirectory ?? 'the model directory'}. Unset SHOPLENS_EMBED_MODEL to use the fallback encoder.`,
        { model: source, cause: error },
      );
    }
    const textPrefix = textPrefixFor(modelName);
    const encoderId = `transformers:${modelName}${dtype === 'fp32' ? '' : `@${dtype}`}`;
    // The pooled width is what the cache stores; measure it instead of trusting config.hidden_size.
    const probe = await extractor([`${textPrefix}probe`], { pooling: 'mean', normalize: true });
    const dimension = probe.dims.at(-1) ?? 0;
    probe.dispose();
    return new TransformersEncoder(encoderId, dimension, modelName, extractor, options.batchSize ?? 32, textPrefix);
  }

  async encode(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((text) => `${this.textPrefix}${text}`);
      const output = await this.extractor(batch, { pooling: 'mean', normalize: true });
      const data = output.data as Float32Array;
      for (let row = 0; row < batch.length; row++) vectors.push(data.slice(row * this.dimension, (row + 1) * this.dimension));
      output.dispose();
    }
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}
