import { z } from 'zod';
import type { Warehouse } from '../../sql/warehouse.ts';
import { behaviourFingerprint } from '../model-store/behaviour-fingerprint.ts';
import { ensureTrained } from '../model-store/ensure-trained.ts';
import type { TrainingProgressListener } from '../model-store/training-progress.ts';
import { clusterSearchQueries, type QueryThemeRequest, type QueryThemeResult } from './query-themes.ts';
import type { TextEncoder } from './text-encoder.ts';

const themeSchema = z.object({
  theme: z.number(),
  searches: z.number(),
  share: z.number(),
  distinctQueries: z.number(),
  examples: z.array(z.object({ query: z.string(), searches: z.number() })),
  topTerms: z.array(z.string()),
  cohesion: z.number(),
});
const resultSchema = z.object({
  themes: z.array(themeSchema),
  totalSearches: z.number(),
  distinctQueries: z.number(),
  clusteredQueries: z.number(),
  clusteredSearches: z.number(),
  silhouette: z.number(),
  chosenBy: z.enum(['fixed', 'silhouette']),
  silhouetteByClusters: z.array(z.object({ clusters: z.number(), silhouette: z.number() })),
  assignments: z.array(z.object({ query: z.string(), searches: z.number(), theme: z.number() })),
  embeddedNow: z.number(),
  encoder: z.string(),
});

/**
 * Search-query themes for this encoder and request, clustered once per behaviour-data fingerprint and stored in the
 * model store: k-means with a silhouette search over up to 1000 query vectors costs seconds of CPU, a stored result
 * is read back in milliseconds. `embeddedNow` is 0 for a reused result (nothing was embedded by this call).
 */
export async function storedQueryThemes(
  warehouse: Warehouse,
  encoder: TextEncoder,
  request: QueryThemeRequest,
  options: { onProgress?: TrainingProgressListener; signal?: AbortSignal } = {},
): Promise<{ result: QueryThemeResult; reused: boolean }> {
  const ensured = await ensureTrained<QueryThemeResult>({
    warehouse,
    model: 'query_themes',
    parameters: {
      encoder: encoder.id,
      date_range: request.dateRange ?? null,
      clusters: request.clusters ?? null,
      max_clusters: request.maxClusters ?? null,
      max_queries: request.maxQueries ?? null,
      examples_per_theme: request.examplesPerTheme ?? null,
    },
    fingerprint: await behaviourFingerprint(warehouse),
    async train(control) {
      control.report('embedding and clustering search queries', 10);
      const result = await clusterSearchQueries(warehouse, encoder, request);
      control.throwIfCancelled();
      return {
        payload: result,
        dataWindow: { start: request.dateRange?.start ?? null, end: request.dateRange?.end ?? null },
        metrics: { clustered_queries: result.clusteredQueries, themes: result.themes.length, silhouette: result.silhouette },
      };
    },
    parsePayload: (payload) => {
      const parsed = resultSchema.safeParse(payload);
      return parsed.success ? parsed.data : null;
    },
    onProgress: options.onProgress,
    signal: options.signal,
  });
  const reused = ensured.source !== 'trained';
  return { result: reused ? { ...ensured.payload, embeddedNow: 0 } : ensured.payload, reused };
}
