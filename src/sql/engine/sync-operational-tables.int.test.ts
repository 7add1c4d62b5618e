import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../warehouse.ts';
import { APPEND_OVERLAP_MICROSECONDS, syncOperationalTables } from './sync-operational-tables.ts';
import { openEnginePair, type EnginePair } from './testing/fixture-engines.ts';

// The append rule of support_events on its own: what is appended, what is re-read in the overlap hour, and when the
// table is replaced whole instead. The store is the pair's DuckDB side, ClickHouse its chDB side.
let engines: EnginePair;
let store: Warehouse;

async function addEvent(id: string, occurredAt: string): Promise<void> {
  await store.run(`INSERT INTO support_events (event_id, occurred_at, event_type, outcome) VALUES ($id, CAST($at AS TIMESTAMP), 'intent', 'ok')`, { id, at: occurredAt });
}

const supportEvents = async () => (await syncOperationalTables(engines.duckdb.warehouse, engines.chdb)).tables.find((entry) => entry.table === 'support_events');
const idsOnChdb = async () => (await engines.chdb.query('SELECT event_id FROM support_events ORDER BY event_id')).rows.map((row) => row.event_id);

beforeAll(async () => {
  engines = await openEnginePair(async (warehouse) => {
    store = warehouse;
    await addEvent('a', '2025-11-01 10:00:00');
    await addEvent('b', '2025-11-02 10:00:00');
  });
}, 60_000);
afterAll(async () => engines?.close());

describe('syncOperationalTables: support_events is appended while that is safe', () => {
  it('appends new rows and a late row inside the overlap hour, never one twice', async () => {
    expect(APPEND_OVERLAP_MICROSECONDS).toBe(3_600_000_000);
    await addEvent('c', '2025-11-02 12:00:00');
    expect(await supportEvents()).toMatchObject({ mode: 'appended', appended: 1, rows: 3 });
    // Committed after 'c' but 30 minutes earlier than it (the group-commit writer's case).
    await addEvent('d', '2025-11-02 11:30:00');
    expect(await supportEvents()).toMatchObject({ mode: 'appended', appended: 1, rows: 4 });
    expect(await supportEvents()).toMatchObject({ mode: 'appended', appended: 0, rows: 4 });
    expect(await idsOnChdb()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('replaces the table whole, saying why, when the store no longer has ClickHouse\'s older rows', async () => {
    // Older than the window (an hour before ClickHouse's latest, 2025-11-02 12:00): a and b in ClickHouse, b in the store.
    await store.run("DELETE FROM support_events WHERE event_id = 'a'");
    await addEvent('e', '2025-11-03 09:00:00');
    expect(await supportEvents()).toMatchObject({ mode: 'replaced', rows: 4, reason: 'its rows before the last hour differ (1 in the store, 2 in ClickHouse)' });
    expect(await idsOnChdb()).toEqual(['b', 'c', 'd', 'e']);
  });
});
