import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSyntheticAnomalies, type SyntheticAnomalies } from '../../models/anomalies/synthetic-anomalies.ts';
import { Warehouse } from '../../sql/warehouse.ts';
import { insertSyntheticAnomalies } from '../../testing/insert-synthetic-anomalies.ts';
import { createDemoWarehouseFile } from '../../testing/demo-warehouse.ts';
import { listStoredModels } from '../../models/model-store/stored-model.ts';
import { findAnomaliesParameters, findAnomaliesTool } from './find-anomalies.ts';

let demo: { path: string; remove: () => void };
let warehouse: Warehouse;
let injected: SyntheticAnomalies;
const AS_OF = '2025-11-30';

beforeAll(async () => {
  demo = await createDemoWarehouseFile({ users: 500, days: 30, seed: 11 });
  const writer = await Warehouse.open({ path: demo.path, mode: 'read-write' });
  injected = await buildSyntheticAnomalies(writer, { botUsers: 3, sessionsPerBot: 2, seed: 5 });
  await insertSyntheticAnomalies(writer, injected);
  writer.close();
  warehouse = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
}, 60_000);

afterAll(() => {
  warehouse?.close();
  demo?.remove();
});

interface Table {
  columns: { id: string; unit: string; role: string }[];
  rows: Record<string, unknown>[];
}

const run = async (argumentsValue: Record<string, unknown>, language: 'en' | 'zh' = 'en'): Promise<Record<string, unknown>> =>
  (await findAnomaliesTool.execute(findAnomaliesParameters.parse(argumentsValue), { warehouse, language, asOf: AS_OF })) as Record<string, unknown>;

describe('find_anomalies tool', () => {
  it('scans once per data and range: the findings are kept in shoplens_cache and answer again after a reopen', async () => {
    const first = await run({ kind: 'both', top_k: 5, date_range: { start: '2025-11-20' } });
    const stored = (await listStoredModels(warehouse)).filter((model) => model.parameters === '{"end":null,"start":"2025-11-20"}');
    expect(stored.map((model) => model.model).sort()).toEqual(['browsing_anomalies', 'order_anomalies']);
    expect(stored.find((model) => model.model === 'browsing_anomalies')?.metrics.sessions_scored).toBeGreaterThan(0);
    const reopened = await Warehouse.open({ path: demo.path, mode: 'sandboxed' });
    try {
      const again = (await findAnomaliesTool.execute(findAnomaliesParameters.parse({ kind: 'both', top_k: 5, date_range: { start: '2025-11-20' } }), { warehouse: reopened, language: 'en', asOf: AS_OF })) as Record<string, unknown>;
      expect(again).toEqual(first);
    } finally {
      reopened.close();
    }
  });

  it('lists the injected bots first with scores and reasons, then order bursts and spikes', async () => {
    const result = await run({ kind: 'both', top_k: 3 });
    const browsing = result.browsing as Table;
    expect(browsing.rows.map((row) => row.user_id).sort()).toEqual([...injected.botUserIds].sort());
    const scores = browsing.rows.map((row) => Number(row.score));
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
    for (const row of browsing.rows) expect(String(row.reason)).toMatch(/per minute|on a page|evenly spaced|views/);
    const orderUsers = result.order_users as Table;
    expect(orderUsers.rows[0]?.user_id).toBe(injected.burstUserId);
    const spikes = result.order_spikes as Table;
    expect(spikes.rows[0]?.bucket).toBe(injected.spikeHour);
    expect(result.rows).toEqual(browsing.rows);
    for (const column of [...browsing.columns, ...orderUsers.columns, ...spikes.columns]) {
      expect(['count', 'currency', 'ratio', 'number', 'text', 'date']).toContain(column.unit);
      expect(['dimension', 'metric']).toContain(column.role);
    }
  });

  it('answers in Chinese and honours the date range', async () => {
    const day = injected.spikeHour.slice(0, 10);
    const result = await run({ kind: 'orders', date_range: { start: day, end: day } }, 'zh');
    expect(result.browsing).toBeUndefined();
    const spikes = result.order_spikes as Table;
    expect(spikes.rows[0]?.bucket).toBe(injected.spikeHour);
    expect(String(spikes.rows[0]?.reason)).toMatch(/单/);
    for (const row of spikes.rows) expect(String(row.bucket).slice(0, 10)).toBe(day);
  });

  it('rejects a reversed date range with a message that says how to fix it', async () => {
    await expect(run({ kind: 'orders', date_range: { start: '2025-11-30', end: '2025-11-01' } })).rejects.toThrow(/swap them/);
  });
});
