import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { readEncoderConfiguration, MODEL_FILE_BY_DTYPE, type EncoderConfiguration } from './encoder-configuration.ts';
import { HashingEncoder } from './hashing-encoder.ts';
import { hostResolves } from './network-probe.ts';
import type { EncoderSelection, TextEncoder } from './text-encoder.ts';
import { isHubId, TransformersEncoder, type TransformersEncoderOptions } from './transformers-encoder.ts';

export interface SelectEncoderOptions {
  environment?: Readonly<Record<string, string | undefined>>;
  /** Whether the model hub is reachable; defaults to a DNS lookup of huggingface.co. */
  probeNetwork?: () => Promise<boolean>;
  /** Loads a transformers.js model; replaceable in tests. */
  loadModel?: (options: TransformersEncoderOptions) => Promise<TextEncoder>;
}

const HUB_HOST = 'huggingface.co';

function fallback(reason: string): EncoderSelection {
  const encoder = new HashingEncoder();
  return {
    encoder,
    kind: 'fallback',
    reason: `${reason} Using the fallback encoder ${encoder.id} (hashed character/word n-grams plus a small bilingual ` +
      'thesaurus): it matches shared wording, not meaning. See docs/embeddings.md to use a real model.',
  };
}

/** What is missing from a model folder, or undefined when it looks loadable. */
function folderProblem(folder: string, configuration: EncoderConfiguration): string | undefined {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return `model folder ${folder} does not exist.`;
  const modelFile = path.join('onnx', MODEL_FILE_BY_DTYPE[configuration.dtype]);
  for (const file of ['config.json', 'tokenizer.json', modelFile]) {
    if (!existsSync(path.join(folder, file))) return `model folder ${folder} has no ${file}.`;
  }
  return undefined;
}

async function load(
  options: TransformersEncoderOptions,
  loadModel: NonNullable<SelectEncoderOptions['loadModel']>,
  success: string,
): Promise<EncoderSelection> {
  try {
    const encoder = await loadModel(options);
    return { encoder, kind: 'transformers', reason: `${success} Encoder ${encoder.id}, ${encoder.dimension} dimensions.` };
  } catch (error) {
    return fallback(`Loading ${options.model} failed: ${(error as Error).message}`);
  }
}

/**
 * Chooses the text encoder from SHOPLENS_EMBED_* settings and says why, never silently: a configured model
 * folder or hub id when it can be loaded, otherwise the weight-free fallback with the reason it was needed.
 * Invalid settings (a bad batch size …) throw EmbeddingConfigurationError instead of falling back.
 */
export async function selectEncoder(options: SelectEncoderOptions = {}): Promise<EncoderSelection> {
  const configuration = readEncoderConfiguration(options.environment ?? process.env);
  const loadModel = options.loadModel ?? ((loadOptions) => TransformersEncoder.load(loadOptions));
  const model = configuration.model;
  if (!model) return fallback('SHOPLENS_EMBED_MODEL is not set.');
  const common = { batchSize: configuration.batchSize, dtype: configuration.dtype, modelDirectory: configuration.modelDirectory };

  // An existing path is a folder even when it also looks like a hub id ("models/bge").
  if (existsSync(model) || !isHubId(model)) {
    const folder = path.resolve(model);
    const problem = folderProblem(folder, configuration);
    if (problem) return fallback(`SHOPLENS_EMBED_MODEL points to a folder, but the ${problem}`);
    return load({ ...common, model: folder, kind: 'folder', allowRemote: false }, loadModel, `Using the model folder ${folder} (offline).`);
  }

  const localCopy = path.join(configuration.modelDirectory, model);
  if (!folderProblem(localCopy, configuration)) {
    return load({ ...common, model, kind: 'hub', allowRemote: false }, loadModel, `Using ${model} from ${localCopy} (offline copy).`);
  }
  const expected = path.join(localCopy, 'onnx', MODEL_FILE_BY_DTYPE[configuration.dtype]);
  if (configuration.offline) {
    return fallback(`SHOPLENS_EMBED_OFFLINE=1 and ${model} is not downloaded (expected ${expected}).`);
  }
  const online = await (options.probeNetwork ?? (() => hostResolves(HUB_HOST)))();
  if (!online) {
    return fallback(`There is no network (${HUB_HOST} does not resolve) and ${model} is not downloaded (expected ${expected}).`);
  }
  return load({ ...common, model, kind: 'hub', allowRemote: true }, loadModel,
    `Using ${model} from the Hugging Face hub (downloaded once into ${configuration.modelDirectory}).`);
}
