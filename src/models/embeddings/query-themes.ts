import { behaviourDialect, behaviourReader } from '../../sql/engine/behaviour-reader.ts';
import type { NamedParameters } from '../../sql/engine/warehouse-engine.ts';
import type { Warehouse } from '../../sql/warehouse.ts';
import { cacheEmbeddings, embedTexts } from './embedding-cache.ts';
import { EmbeddingToolError } from './embedding-tool-error.ts';
import { dotProduct, normalizeInPlace, type TextEncoder } from './text-encoder.ts';
import { distinctiveTerms } from './theme-terms.ts';

export interface QueryThemeRequest {
  /** Inclusive dates, YYYY-MM-DD, on events.event_time. */
  dateRange?: { start: string; end: string };
  /** Fixed number of themes; by default chosen by silhouette between 2 and maxClusters. */
  clusters?: number;
  maxClusters?: number;
  /** Only the most frequent distinct queries are clustered (time grows with the square of this). */
  maxQueries?: number;
  examplesPerTheme?: number;
}

export interface QueryTheme {
  theme: number;
  searches: number;
  /** Share of the clustered searches. */
  share: number;
  distinctQueries: number;
  /** Typical and frequent queries: ranked by similarity to the theme centre × ln(1 + searches). */
  examples: { query: string; searches: number }[];
  topTerms: string[];
  /** Mean cosine similarity of the theme's queries to its centre; low values mean a grab-bag theme. */
  cohesion: number;
}

export interface QueryThemeResult {
  themes: QueryTheme[];
  totalSearches: number;
  distinctQueries: number;
  clusteredQueries: number;
  clusteredSearches: number;
  silhouette: number;
  chosenBy: 'fixed' | 'silhouette';
  silhouetteByClusters: { clusters: number; silhouette: number }[];
  /** Theme of every clustered query, most searched first. */
  assignments: { query: string; searches: number; theme: number }[];
  embeddedNow: number;
  encoder: string;
}

function searchFilter(warehouse: Warehouse, request: QueryThemeRequest): { where: string; parameters: NamedParameters } {
  const dialect = behaviourDialect(warehouse);
  const conditions = ["event_type = 'search'", 'search_query IS NOT NULL', "trim(search_query) <> ''"];
  const parameters: NamedParameters = {};
  if (request.dateRange) {
    conditions.push(`event_time >= ${dialect.parameter('start_date', 'date')} AND event_time < ${dialect.parameter('end_date', 'date')} + INTERVAL 1 DAY`);
    parameters.start_date = request.dateRange.start;
    parameters.end_date = request.dateRange.end;
  }
  return { where: conditions.join(' AND '), parameters };
}

/** The `limit` most searched distinct queries under the request's dates, most searched first (ties by text). */
export async function loadTopSearchQueries(warehouse: Warehouse, request: QueryThemeRequest, limit: number): Promise<{ query: string; searches: number }[]> {
  const { where, parameters } = searchFilter(warehouse, request);
  const { rows } = await behaviourReader(warehouse).query(
    `SELECT search_query AS text, count(*) AS searches FROM events WHERE ${where}
     GROUP BY search_query ORDER BY searches DESC, search_query LIMIT ${Math.floor(limit)}`,
    parameters,
  );
  return rows.map((row) => ({ query: String(row.text), searches: Number(row.searches) }));
}

/**
 * Groups the search queries of events into themes: distinct queries (the most frequent maxQueries, read where the
 * events are: DuckDB or ClickHouse) are embedded and cached (in the DuckDB file), clustered with k-means on their vectors, and each theme is described by its size in
 * searches, representative queries and distinctive terms.
 */
export async function clusterSearchQueries(warehouse: Warehouse, encoder: TextEncoder, request: QueryThemeRequest = {}): Promise<QueryThemeResult> {
  if (request.dateRange && request.dateRange.start > request.dateRange.end) {
    throw new EmbeddingToolError(`date_range starts (${request.dateRange.start}) after it ends (${request.dateRange.end}). Swap them.`, { parameter: 'date_range' });
  }
  const maxQueries = request.maxQueries ?? 1000;
  const { where, parameters } = searchFilter(warehouse, request);
  const totals = await behaviourReader(warehouse).query(`SELECT count(*) AS searches, count(DISTINCT search_query) AS queries FROM events WHERE ${where}`, parameters);
  const totalSearches = Number(totals.rows[0]?.searches ?? 0);
  const distinctQueries = Number(totals.rows[0]?.queries ?? 0);
  const top = await loadTopSearchQueries(warehouse, request, maxQueries);
  const report = await cacheEmbeddings(warehouse, encoder, top.map((entry) => entry.query));
  const vectors = await embedTexts(warehouse, encoder, top.map((entry) => entry.query));
  // Queries the encoder cannot represent (only symbols) have zero vectors and no direction to cluster by.
  const queries = top
    .map((entry, index) => ({ ...entry, vector: Array.from(vectors[index] ?? []) }))
    .filter((entry) => entry.vector.some((value) => value !== 0));

  const base = { totalSearches, distinctQueries, clusteredQueries: queries.length, embeddedNow: report.encoded, encoder: encoder.id };
  if (queries.length < 3) {
    return { ...base, themes: [], clusteredSearches: 0, silhouette: 0, chosenBy: 'fixed', silhouetteByClusters: [], assignments: [] };
  }
  // Loaded here: ml-kmeans brings ~250 modules that every `shoplens ask` would otherwise load at start.
  const { clusterThemes } = await import('./kmeans-themes.ts');
  const clustering = clusterThemes(queries.map((entry) => entry.vector), {
    clusters: request.clusters === undefined ? undefined : Math.min(request.clusters, queries.length),
    maxClusters: request.maxClusters ?? 12,
  });
  const clusteredSearches = queries.reduce((sum, entry) => sum + entry.searches, 0);
  const members = Array.from({ length: clustering.clusterCount }, (_, theme) =>
    queries.map((entry, index) => ({ ...entry, index })).filter((entry) => clustering.assignments[entry.index] === theme));
  const termsByTheme = distinctiveTerms(members.map((group) => group.map((entry) => ({ text: entry.query, weight: entry.searches }))));
  const themes = members.map((group, theme): QueryTheme => {
    const centre = normalizeInPlace(Float32Array.from(clustering.centroids[theme] ?? []));
    const scored = group.map((entry) => ({ ...entry, similarity: dotProduct(entry.vector, centre) }));
    const searches = group.reduce((sum, entry) => sum + entry.searches, 0);
    return {
      theme,
      searches,
      share: clusteredSearches === 0 ? 0 : searches / clusteredSearches,
      distinctQueries: group.length,
      examples: [...scored]
        .sort((left, right) => right.similarity * Math.log1p(right.searches) - left.similarity * Math.log1p(left.searches) || left.query.localeCompare(right.query))
        .slice(0, request.examplesPerTheme ?? 5)
        .map((entry) => ({ query: entry.query, searches: entry.searches })),
      topTerms: termsByTheme[theme] ?? [],
      cohesion: scored.length === 0 ? 0 : scored.reduce((sum, entry) => sum + entry.similarity, 0) / scored.length,
    };
  });
  // Biggest themes first; renumber so theme ids follow the order shown.
  const order = themes.map((theme) => theme.theme).sort((left, right) => (themes[right]?.searches ?? 0) - (themes[left]?.searches ?? 0) || left - right);
  const renumber = new Map(order.map((original, position) => [original, position]));
  return {
    ...base,
    themes: order.map((original) => ({ ...(themes[original] as QueryTheme), theme: renumber.get(original) ?? original })),
    clusteredSearches,
    silhouette: clustering.silhouette,
    chosenBy: clustering.chosenBy,
    silhouetteByClusters: clustering.candidates,
    assignments: queries.map((entry, index) => ({
      query: entry.query,
      searches: entry.searches,
      theme: renumber.get(clustering.assignments[index] ?? 0) ?? 0,
    })),
  };
}
