import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { listStoredModels } from '../model-store/stored-model.ts';
import { reviewInsights } from './review-insights.ts';
import { ensureReviewAnalyses } from './stored-review-analyses.ts';

describe('stored review analyses', () => {
  let demo: { path: string; remove: () => void };
  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 800, days: 30 });
  });
  afterAll(() => demo.remove());

  it('are computed once per reviews fingerprint and reused after a restart with the same insights', async () => {
    const request = { polarity: 'negative' as const, topK: 5, language: 'en' as const };
    const first = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    const phases: string[] = [];
    let trainedInsights;
    try {
      const trained = await ensureReviewAnalyses(first, { onProgress: (progress) => phases.push(progress.phase) });
      expect(trained.reused).toBe(false);
      expect(phases).toContain('done');
      const reviewCount = Number((await first.query(`SELECT count(*) AS reviews FROM reviews WHERE trim(coalesce(review_text, '')) <> ''`)).rows[0]?.reviews);
      expect(trained.analyses.analyses.size).toBe(reviewCount);
      expect((await listStoredModels(first)).map((model) => model.model)).toContain('review_sentiment');
      trainedInsights = await reviewInsights(first, request);
    } finally {
      first.close();
    }
    // A new open of the file, as a restarted server: the analyses come from shoplens_cache, nothing is retrained.
    const second = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    try {
      const reused = await ensureReviewAnalyses(second);
      expect(reused.reused).toBe(true);
      const insights = await reviewInsights(second, request);
      expect(insights.aspects.length).toBeGreaterThan(0);
      expect(insights).toEqual(trainedInsights);
    } finally {
      second.close();
    }
  });
});
