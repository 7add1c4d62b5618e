import { z } from 'zod';
import { defineTool } from '../../agent/tool.ts';
import { defaultEncoderSelection } from '../../models/embeddings/default-encoder.ts';
import { storedQueryThemes } from '../../models/embeddings/stored-query-themes.ts';
import type { EmbeddingToolOptions } from './search-reviews.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const clusterQueriesParameters = z.object({
  date_range: z.object({ start: isoDate, end: isoDate }).optional().describe('Search dates, inclusive, resolved against the data\'s latest date'),
  clusters: z.number().int().min(2).max(30).optional().describe('Number of themes; leave out to let the silhouette score choose (2–12)'),
  max_queries: z.number().int().min(10).max(3000).default(1000).describe('Cluster only this many of the most searched distinct queries'),
});

const COLUMNS = [
  { id: 'theme_label', label_en: 'Theme', label_zh: '主题', unit: 'text', role: 'dimension' },
  { id: 'searches', label_en: 'Searches', label_zh: '搜索次数', unit: 'count', role: 'metric' },
  { id: 'share', label_en: 'Share of searches', label_zh: '搜索占比', unit: 'ratio', role: 'metric' },
  { id: 'distinct_queries', label_en: 'Distinct queries', label_zh: '不同搜索词数', unit: 'count', role: 'metric' },
] as const;

export function createClusterQueriesTool(options: EmbeddingToolOptions = {}) {
  return defineTool({
    name: 'cluster_queries',
    description: [
      'Groups what shoppers searched for (events.search_query, Chinese and English) into themes with k-means over text embeddings.',
      'Returns each theme with its number of searches, share, distinct queries, representative example queries, top terms and',
      'cohesion (low = grab-bag of unrelated queries). Optional date_range and a fixed number of clusters. The result names the',
      'text encoder; with the fallback encoder themes follow shared wording plus a small thesaurus, not deeper meaning.',
    ].join(' '),
    parameters: clusterQueriesParameters,
    async execute(argumentsValue, context) {
      const parameters = clusterQueriesParameters.parse(argumentsValue);
      const selection = await (options.selectEncoder ?? defaultEncoderSelection)();
      const { result } = await storedQueryThemes(
        context.warehouse,
        selection.encoder,
        { dateRange: parameters.date_range, clusters: parameters.clusters, maxQueries: parameters.max_queries },
        { onProgress: context.onProgress, signal: context.signal },
      );
      return {
        encoder: result.encoder,
        encoder_kind: selection.kind,
        encoder_note: selection.reason,
        total_searches: result.totalSearches,
        distinct_queries: result.distinctQueries,
        clustered_queries: result.clusteredQueries,
        clustered_searches: result.clusteredSearches,
        embedded_now: result.embeddedNow,
        chosen_clusters: result.themes.length,
        chosen_by: result.chosenBy,
        silhouette: Number(result.silhouette.toFixed(4)),
        silhouette_by_clusters: result.silhouetteByClusters.map((entry) => ({ clusters: entry.clusters, silhouette: Number(entry.silhouette.toFixed(4)) })),
        columns: COLUMNS,
        rows: result.themes.map((theme) => ({
          theme: theme.theme,
          theme_label: theme.topTerms.slice(0, 3).join(' / ') || theme.examples[0]?.query || `#${theme.theme}`,
          searches: theme.searches,
          share: Number(theme.share.toFixed(4)),
          distinct_queries: theme.distinctQueries,
          examples: theme.examples,
          top_terms: theme.topTerms,
          cohesion: Number(theme.cohesion.toFixed(3)),
        })),
        note: result.themes.length === 0 ? 'Fewer than three distinct search queries in this range: nothing to cluster. Widen the date range.' : undefined,
      };
    },
  });
}

export const clusterQueriesTool = createClusterQueriesTool();
