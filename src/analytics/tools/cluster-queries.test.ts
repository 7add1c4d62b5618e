import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSearchQueries } from '../../models/embeddings/query-themes.ts';
import { HashingEncoder } from '../../models/embeddings/hashing-encoder.ts';
import { selectEncoder } from '../../models/embeddings/select-encoder.ts';
import type { EncoderSelection } from '../../models/embeddings/text-encoder.ts';
import { seedDemo } from '../../seed/seed-demo.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { createClusterQueriesTool } from './cluster-queries.ts';

let selection: EncoderSelection;
let warehouse: Warehouse;
const context = () => ({ warehouse, language: 'zh' as const, asOf: '2025-11-30' });
const tool = createClusterQueriesTool({ selectEncoder: async () => selection });

/** The theme holding most of the queries that match `pattern`, and the share of them it holds. */
function dominantTheme(assignments: { query: string; theme: number }[], pattern: RegExp): { theme: number; share: number; matched: number } {
  const matched = assignments.filter((entry) => pattern.test(entry.query));
  const counts = new Map<number, number>();
  for (const entry of matched) counts.set(entry.theme, (counts.get(entry.theme) ?? 0) + 1);
  const [theme, count] = [...counts].sort((left, right) => right[1] - left[1])[0] ?? [-1, 0];
  return { theme, share: matched.length === 0 ? 0 : count / matched.length, matched: matched.length };
}

beforeAll(async () => {
  selection = await selectEncoder({ environment: {} });
  warehouse = await Warehouse.open({ path: ':memory:' });
  await seedDemo(warehouse, { users: 400, days: 20 });
});

afterAll(() => warehouse.close());

describe('cluster_queries with the fallback encoder on the seeded demo', () => {
  it('separates phone searches from snack searches', async () => {
    const result = await clusterSearchQueries(warehouse, new HashingEncoder());
    const phones = dominantTheme(result.assignments, /手机|phone/i);
    const snacks = dominantTheme(result.assignments, /零食|snack/i);
    expect(phones.matched).toBeGreaterThanOrEqual(10);
    expect(snacks.matched).toBeGreaterThanOrEqual(10);
    expect(phones.theme).not.toBe(snacks.theme);
    expect(phones.share).toBeGreaterThanOrEqual(0.8);
    expect(snacks.share).toBeGreaterThanOrEqual(0.8);
    // The themes' own descriptions say what they are about.
    const phoneTheme = result.themes.find((theme) => theme.theme === phones.theme);
    const snackTheme = result.themes.find((theme) => theme.theme === snacks.theme);
    expect(phoneTheme?.topTerms.some((term) => /手机|phone/.test(term))).toBe(true);
    expect(snackTheme?.topTerms.some((term) => /零食|snack/.test(term))).toBe(true);
  });

  it('reports sizes that add up, examples, terms and the encoder', async () => {
    const result = await tool.execute({ max_queries: 1000 }, context());
    expect(result.encoder).toBe('hashing-ngram-v1');
    expect(result.encoder_note).toContain('SHOPLENS_EMBED_MODEL is not set');
    const { rows } = await warehouse.query(
      `SELECT count(*) AS searches, count(DISTINCT search_query) AS queries FROM events WHERE event_type = 'search' AND search_query IS NOT NULL`,
    );
    expect(result.total_searches).toBe(rows[0]?.searches);
    expect(result.distinct_queries).toBe(rows[0]?.queries);
    expect(result.chosen_by).toBe('silhouette');
    expect(result.rows.length).toBe(result.chosen_clusters);
    expect(result.rows.reduce((sum, row) => sum + row.searches, 0)).toBe(result.clustered_searches);
    expect(result.rows.reduce((sum, row) => sum + row.distinct_queries, 0)).toBe(result.clustered_queries);
    for (const row of result.rows) {
      expect(row.examples.length).toBeGreaterThan(0);
      expect(row.top_terms.length).toBeGreaterThan(0);
    }
    // Biggest theme first.
    const sizes = result.rows.map((row) => row.searches);
    expect([...sizes].sort((left, right) => right - left)).toEqual(sizes);
  });

  it('honours a fixed number of clusters and a date range', async () => {
    const range = { start: '2025-11-25', end: '2025-11-30' };
    const result = await tool.execute({ clusters: 5, date_range: range, max_queries: 1000 }, context());
    expect(result.chosen_clusters).toBe(5);
    expect(result.chosen_by).toBe('fixed');
    const { rows } = await warehouse.query(
      `SELECT count(*) AS searches FROM events WHERE event_type = 'search' AND event_time >= DATE '2025-11-25' AND event_time < DATE '2025-12-01'`,
    );
    expect(result.total_searches).toBe(rows[0]?.searches);
    expect(result.embedded_now).toBe(0);
  });
});
