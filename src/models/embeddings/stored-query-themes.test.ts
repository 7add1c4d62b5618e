import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { HashingEncoder } from './hashing-encoder.ts';
import { storedQueryThemes } from './stored-query-themes.ts';

describe('stored query themes', () => {
  let demo: { path: string; remove: () => void };
  beforeAll(async () => {
    demo = await createDemoWarehouseFile({ users: 400, days: 20 });
  });
  afterAll(() => demo.remove());

  it('cluster once per data fingerprint and are reused after a restart, per request', async () => {
    const encoder = new HashingEncoder();
    const first = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    let clustered;
    try {
      const trained = await storedQueryThemes(first, encoder, { maxQueries: 300 });
      expect(trained.reused).toBe(false);
      expect(trained.result.themes.length).toBeGreaterThan(1);
      expect(trained.result.embeddedNow).toBeGreaterThan(0);
      clustered = trained.result;
    } finally {
      first.close();
    }
    // A new open of the file, as a restarted server: the stored themes, nothing embedded or clustered again.
    const second = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    try {
      const reused = await storedQueryThemes(second, encoder, { maxQueries: 300 });
      expect(reused.reused).toBe(true);
      expect(reused.result).toEqual({ ...clustered, embeddedNow: 0 });
      // Other parameters are another model: clustered afresh.
      const fixed = await storedQueryThemes(second, encoder, { maxQueries: 300, clusters: 3 });
      expect(fixed.reused).toBe(false);
      expect(fixed.result.themes).toHaveLength(3);
    } finally {
      second.close();
    }
  });
});
