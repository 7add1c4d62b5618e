import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse.ts';
import { compileSemanticQuery } from './compile-query.ts';

// Hand-made csat_rating rows; expected averages worked out by hand.
const ROWS = [
  // [occurred_at, event_id, conversation_id, event_type, rating, language]
  ['2025-11-17 10:20:00', 'r1', 'c1', 'csat_rating', 5, 'zh'],
  ['2025-11-18 12:00:00', 'r2', 'c2', 'csat_rating', 2, 'en'],
  ['2025-11-21 09:00:00', 'r3', 'c3', 'csat_rating', 4, 'zh'],
  ['2025-11-21 09:00:00', 't3', 'c3', 'turn', null, 'zh'],
  ['2025-11-24 09:00:00', 'r4', 'c4', 'csat_rating', 1, 'en'],
] as const;

describe('the csat metric: average 1–5 rating of chats resolved by a person', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await Warehouse.open({ path: ':memory:' });
    for (const [at, id, conversation, type, rating, language] of ROWS) {
      await warehouse.run(
        `INSERT INTO support_events (event_id, occurred_at, conversation_id, event_type, intent, rating, language) VALUES ($id, $at::TIMESTAMP, $conversation, $type, 'handoff', $rating, $language)`,
        { id, at, conversation, type, rating, language },
      );
    }
  });
  afterAll(() => warehouse.close());

  async function rows(metrics: string[], dimensions: string[] = []) {
    const compiled = compileSemanticQuery({ metrics, dimensions, timeRange: { start: '2025-11-17', end: '2025-11-23' } });
    return (await warehouse.query(compiled.sql, compiled.parameters)).rows;
  }

  it('averages the ratings in the period only (the 11-24 rating is outside it)', async () => {
    const [row] = await rows(['csat']);
    expect(row?.csat).toBeCloseTo((5 + 2 + 4) / 3, 12);
  });

  it('splits by language and by day', async () => {
    const language = await rows(['csat'], ['language']);
    expect(Object.fromEntries(language.map((row) => [row.language, row.csat]))).toEqual({ zh: 4.5, en: 2 });
    const days = await rows(['csat'], ['day']);
    expect(days.filter((row) => row.csat !== null).map((row) => row.csat)).toEqual([5, 2, 4]);
  });
});
