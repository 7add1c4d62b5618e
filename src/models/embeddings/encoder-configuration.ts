import path from 'node:path';
import { z } from 'zod';
import { EmbeddingConfigurationError } from './embedding-error.ts';

/** transformers.js dtypes ShopLens accepts, with the ONNX file each one loads from the model's onnx/ folder. */
export const MODEL_FILE_BY_DTYPE = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  int8: 'model_int8.onnx',
  uint8: 'model_uint8.onnx',
  q4: 'model_q4.onnx',
} as const;
export type ModelDtype = keyof typeof MODEL_FILE_BY_DTYPE;

export interface EncoderConfiguration {
  /** SHOPLENS_EMBED_MODEL: a Hugging Face hub id (BAAI/bge-small-zh-v1.5) or a local model folder; unset → fallback. */
  model: string | undefined;
  /** SHOPLENS_EMBED_OFFLINE=1: never touch the network, even for a hub id. */
  offline: boolean;
  /** SHOPLENS_EMBED_MODEL_DIR: where hub models are looked up offline and downloaded to (default data/models). */
  modelDirectory: string;
  /** SHOPLENS_EMBED_BATCH_SIZE: texts per model call (default 32). */
  batchSize: number;
  /** SHOPLENS_EMBED_DTYPE: which ONNX weights to load (default fp32 = onnx/model.onnx). */
  dtype: ModelDtype;
}

const environmentSchema = z.object({
  SHOPLENS_EMBED_MODEL: z.string().trim().optional(),
  SHOPLENS_EMBED_OFFLINE: z.enum(['', '0', '1', 'true', 'false']).optional(),
  SHOPLENS_EMBED_MODEL_DIR: z.string().trim().optional(),
  SHOPLENS_EMBED_BATCH_SIZE: z.string().regex(/^\d+$/).optional(),
  SHOPLENS_EMBED_DTYPE: z.enum(Object.keys(MODEL_FILE_BY_DTYPE) as [ModelDtype, ...ModelDtype[]]).optional(),
});

const EXAMPLES: Record<string, string> = {
  SHOPLENS_EMBED_OFFLINE: 'SHOPLENS_EMBED_OFFLINE=1',
  SHOPLENS_EMBED_BATCH_SIZE: 'SHOPLENS_EMBED_BATCH_SIZE=32',
  SHOPLENS_EMBED_DTYPE: `SHOPLENS_EMBED_DTYPE=fp32 (one of ${Object.keys(MODEL_FILE_BY_DTYPE).join(', ')})`,
};

/** Reads the SHOPLENS_EMBED_* variables; a value that cannot work throws naming the variable and a valid example. */
export function readEncoderConfiguration(environment: Readonly<Record<string, string | undefined>> = process.env): EncoderConfiguration {
  const result = environmentSchema.safeParse(environment);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'SHOPLENS_EMBED_*');
    throw new EmbeddingConfigurationError(
      `${variable}=${JSON.stringify(environment[variable] ?? '')} is not valid (${issue?.message ?? 'invalid'}). Use e.g. ${EXAMPLES[variable] ?? variable}, or unset it.`,
      { variable, cause: result.error },
    );
  }
  const values = result.data;
  const batchSize = Number(values.SHOPLENS_EMBED_BATCH_SIZE ?? 32);
  if (batchSize < 1 || batchSize > 1024) {
    throw new EmbeddingConfigurationError(
      `SHOPLENS_EMBED_BATCH_SIZE must be 1 … 1024 (got ${batchSize}). Use e.g. ${EXAMPLES.SHOPLENS_EMBED_BATCH_SIZE}.`,
      { variable: 'SHOPLENS_EMBED_BATCH_SIZE' },
    );
  }
  return {
    model: values.SHOPLENS_EMBED_MODEL || undefined,
    offline: values.SHOPLENS_EMBED_OFFLINE === '1' || values.SHOPLENS_EMBED_OFFLINE === 'true',
    modelDirectory: path.resolve(values.SHOPLENS_EMBED_MODEL_DIR || path.join('data', 'models')),
    batchSize,
    dtype: values.SHOPLENS_EMBED_DTYPE ?? 'fp32',
  };
}
